import CPNG
import Foundation

/// PNG files through libpng: 8-bit RGB in and out.
public enum PNG {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Encodes `image` and writes it atomically (temporary file, then rename) to `url`.
    public static func write(_ image: RGBImage, to url: URL) throws {
        var png = png_image()
        png.version = png_uint_32(PNG_IMAGE_VERSION)
        png.width = png_uint_32(image.width)
        png.height = png_uint_32(image.height)
        png.format = png_uint_32(PNG_FORMAT_RGB)
        var size: png_alloc_size_t = 0
        let rowStride = Int32(image.width * 3)
        let measured = image.pixels.withUnsafeBytes {
            png_image_write_to_memory(&png, nil, &size, 0, $0.baseAddress, rowStride, nil)
        }
        guard measured != 0 else { throw Failure(description: "libpng could not encode \(url.path)") }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let written = image.pixels.withUnsafeBytes { pixels in
            bytes.withUnsafeMutableBytes {
                png_image_write_to_memory(&png, $0.baseAddress, &size, 0, pixels.baseAddress, rowStride, nil)
            }
        }
        guard written != 0 else { throw Failure(description: "libpng could not encode \(url.path)") }
        try Data(bytes.prefix(Int(size))).write(to: url, options: .atomic)
    }

    /// Reads and decodes the PNG at `url` into RGB (any colour type is converted).
    public static func read(from url: URL) throws -> RGBImage {
        let data = try Data(contentsOf: url)
        var png = png_image()
        png.version = png_uint_32(PNG_IMAGE_VERSION)
        let opened = data.withUnsafeBytes { png_image_begin_read_from_memory(&png, $0.baseAddress, $0.count) }
        guard opened != 0 else { throw Failure(description: "\(url.path) is not a readable PNG file") }
        png.format = png_uint_32(PNG_FORMAT_RGB)
        var pixels = [UInt8](repeating: 0, count: Int(png.width) * Int(png.height) * 3)
        let finished = pixels.withUnsafeMutableBytes {
            png_image_finish_read(&png, nil, $0.baseAddress, Int32(png.width) * 3, nil)
        }
        guard finished != 0 else {
            png_image_free(&png)
            throw Failure(description: "\(url.path) is truncated or corrupt")
        }
        return RGBImage(width: Int(png.width), height: Int(png.height), pixels: pixels)
    }
}
