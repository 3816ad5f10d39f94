import Foundation
import Testing
import Render

@Suite struct PNGTests {
    @Test func writtenImageReadsBackIdentically() throws {
        var image = RGBImage(width: 17, height: 9)
        for y in 0..<9 { for x in 0..<17 { image[x, y] = (UInt8(x * 15), UInt8(y * 28), UInt8((x * y) % 256)) } }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-\(UUID()).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try PNG.write(image, to: url)
        let bytes = try Data(contentsOf: url)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(try PNG.read(from: url) == image)
    }

    @Test func corruptFileIsAnErrorNamingIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-\(UUID()).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("not a png".utf8).write(to: url)
        let error = #expect(throws: PNG.Failure.self) { try PNG.read(from: url) }
        #expect(error?.description.contains(url.path) == true)
    }
}
