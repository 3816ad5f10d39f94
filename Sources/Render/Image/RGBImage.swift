/// An 8-bit RGB image, rows top to bottom, pixels interleaved `r, g, b`.
public struct RGBImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    /// An image filled with one colour.
    public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8) = (0, 0, 0)) {
        precondition(width > 0 && height > 0, "image size must be positive")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            pixels[3 * i] = fill.0
            pixels[3 * i + 1] = fill.1
            pixels[3 * i + 2] = fill.2
        }
    }

    /// An image over existing pixel bytes; `pixels.count` must be `width · height · 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "pixel count does not match \(width)×\(height)×3")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        get {
            let i = 3 * (y * width + x)
            return (pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            let i = 3 * (y * width + x)
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
        }
    }

    /// The same image upside down (OpenGL's bottom-to-top row order).
    public var flippedVertically: RGBImage {
        let row = width * 3
        var flipped = [UInt8](repeating: 0, count: pixels.count)
        for y in 0..<height {
            flipped[(y * row)..<((y + 1) * row)] = pixels[((height - 1 - y) * row)..<((height - y) * row)]
        }
        return RGBImage(width: width, height: height, pixels: flipped)
    }
}
