import Foundation
import Testing
import Render
import Sim

/// Needs an X display; `scripts/test` starts Xvfb when none is set. Serialized: GLFW must not be used from two
/// threads at once (two windows opened in parallel crash inside libX11).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DISPLAY"] != nil, "no DISPLAY (scripts/test starts Xvfb)"))
struct WindowTests {
    @Test func presentedFrameReadsBackFromTheWindow() throws {
        var frame = RGBImage(width: 64, height: 48, fill: (30, 60, 90))
        for y in 0..<24 { for x in 0..<32 { frame[x, y] = (220, 40, 10) } }  // top-left quadrant red
        let window = try Window(width: 64, height: 48, title: "JEPALab window test")
        window.present(frame)
        let shown = window.readPixels()
        #expect(shown.width == 64 && shown.height == 48)
        let mismatched = zip(shown.pixels, frame.pixels).filter { $0 != $1 }.count
        #expect(mismatched == 0, "\(mismatched) of \(frame.pixels.count) bytes differ; first pixels \(shown.pixels.prefix(6)) last \(shown.pixels.suffix(3))")
    }

    @Test func renderedFrameShowsExactlyInTheWindow() throws {
        let frame = Renderer().render(ReferenceScene().bodies, lab: ReferenceScene.lab, width: 96, height: 64)
        let window = try Window(width: 96, height: 64, title: "JEPALab rendered frame")
        window.present(frame)
        let shown = window.readPixels()
        #expect(shown.width == 96 && shown.height == 64)
        let mismatched = zip(shown.pixels, frame.pixels).filter { $0 != $1 }.count
        #expect(mismatched == 0, "\(mismatched) of \(frame.pixels.count) bytes differ")
    }
}
