import CGLFW
import Foundation

/// A GLFW window that shows RGB frames. This file's module is the only importer of `CGLFW`.
///
/// Frames are drawn with `glDrawPixels` after a vertical flip, so the window shows exactly the CPU frame's pixels.
public final class Window {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Keys the viewer reacts to.
    public enum Key: Sendable { case space, right, quit }

    public let width: Int
    public let height: Int
    private let handle: OpaquePointer
    private var pressed: [Key] = []

    /// Opens a window of `width × height` pixels with the given title.
    ///
    /// Throws with a hint when no display can be reached (set `DISPLAY`, or run under `xvfb-run`).
    public init(width: Int, height: Int, title: String, visible: Bool = true) throws {
        guard glfwInit() != 0 else {
            throw Failure(description: "GLFW could not initialise: \(Window.lastError()) (is DISPLAY set? try xvfb-run)")
        }
        glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE)
        glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE)
        glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_FALSE)  // draw straight to the visible buffer, which reads back as shown
        guard let handle = glfwCreateWindow(Int32(width), Int32(height), title, nil, nil) else {
            throw Failure(description: "GLFW could not open a \(width)×\(height) window: \(Window.lastError())")
        }
        self.width = width
        self.height = height
        self.handle = handle
        glfwMakeContextCurrent(handle)
        glfwSetWindowUserPointer(handle, Unmanaged.passUnretained(self).toOpaque())
        glfwSetKeyCallback(handle) { window, key, _, action, _ in
            guard action == GLFW_PRESS || action == GLFW_REPEAT,
                  let pointer = glfwGetWindowUserPointer(window) else { return }
            let me = Unmanaged<Window>.fromOpaque(pointer).takeUnretainedValue()
            switch key {
            case GLFW_KEY_SPACE: me.pressed.append(.space)
            case GLFW_KEY_RIGHT: me.pressed.append(.right)
            case GLFW_KEY_Q, GLFW_KEY_ESCAPE: me.pressed.append(.quit)
            default: break
            }
        }
    }

    deinit {
        glfwDestroyWindow(handle)
    }

    public var title: String = "" {
        didSet { glfwSetWindowTitle(handle, title) }
    }

    /// True once the user closed the window.
    public var shouldClose: Bool { glfwWindowShouldClose(handle) != 0 }

    /// Draws `image` scaled to fill the window and presents it.
    public func present(_ image: RGBImage) {
        glfwMakeContextCurrent(handle)
        var framebufferWidth: Int32 = 0, framebufferHeight: Int32 = 0
        glfwGetFramebufferSize(handle, &framebufferWidth, &framebufferHeight)
        glViewport(0, 0, framebufferWidth, framebufferHeight)
        glClearColor(0, 0, 0, 1)
        glClear(GLbitfield(GL_COLOR_BUFFER_BIT))
        // OpenGL's rows run bottom to top: upload the rows flipped, from the window's bottom-left corner.
        glRasterPos2f(-0.9999, -0.9999)  // just inside the clip volume, so the raster position stays valid
        glPixelZoom(Float(framebufferWidth) / Float(image.width), Float(framebufferHeight) / Float(image.height))
        glPixelStorei(GLenum(GL_UNPACK_ALIGNMENT), 1)
        image.flippedVertically.pixels.withUnsafeBytes {
            glDrawPixels(Int32(image.width), Int32(image.height), GLenum(GL_RGB), GLenum(GL_UNSIGNED_BYTE), $0.baseAddress)
        }
        glFinish()
    }

    /// Reads back what the window's front buffer shows, rows top to bottom.
    public func readPixels() -> RGBImage {
        glfwMakeContextCurrent(handle)
        var framebufferWidth: Int32 = 0, framebufferHeight: Int32 = 0
        glfwGetFramebufferSize(handle, &framebufferWidth, &framebufferHeight)
        let w = Int(framebufferWidth), h = Int(framebufferHeight)
        var bottomUp = RGBImage(width: w, height: h)
        glReadBuffer(GLenum(GL_FRONT))
        glPixelStorei(GLenum(GL_PACK_ALIGNMENT), 1)
        bottomUp.pixels.withUnsafeMutableBytes {
            glReadPixels(0, 0, framebufferWidth, framebufferHeight, GLenum(GL_RGB), GLenum(GL_UNSIGNED_BYTE), $0.baseAddress)
        }
        return bottomUp.flippedVertically
    }

    /// Processes window events, waiting up to `timeout` seconds for one, and returns the keys pressed since the last call.
    public func pollKeys(timeout: Double = 0) -> [Key] {
        if timeout > 0 { glfwWaitEventsTimeout(timeout) } else { glfwPollEvents() }
        defer { pressed.removeAll() }
        return pressed
    }

    private static func lastError() -> String {
        var description: UnsafePointer<CChar>?
        glfwGetError(&description)
        return description.map { String(cString: $0) } ?? "unknown error"
    }
}
