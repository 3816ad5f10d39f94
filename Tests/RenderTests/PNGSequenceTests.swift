import Foundation
import Testing
import Render

@Suite struct PNGSequenceTests {
    @Test func framesAreNumberedAndReadBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-\(UUID())/frames")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let frames = (0..<3).map { RGBImage(width: 8, height: 6, fill: (UInt8(40 * $0), 100, 200)) }
        try PNGSequence.write(frames, to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["000000.png", "000001.png", "000002.png"])
        #expect(try PNGSequence.read(from: directory) == frames)
        #expect(PNGSequence.fileName(1_234_567) == "1234567.png")
    }

    @Test func rewritingAShorterSequenceRemovesStaleFramesOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try PNGSequence.write((0..<4).map { _ in RGBImage(width: 4, height: 4) }, to: directory)
        try PNG.write(RGBImage(width: 4, height: 4, fill: (1, 2, 3)), to: directory.appendingPathComponent("goal.png"))
        try PNGSequence.write([RGBImage(width: 4, height: 4, fill: (9, 9, 9))], to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["000000.png", "goal.png"])
        #expect(try PNGSequence.read(from: directory).map { $0[0, 0].r } == [9])
        for index in 0..<3 { try PNGSequence.write(RGBImage(width: 4, height: 4), index: index, to: directory) }
        try PNGSequence.removeFrames(from: 2, in: directory)
        #expect(try PNGSequence.read(from: directory).count == 2)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("goal.png").path))
    }

    @Test func aFileInPlaceOfTheDirectoryIsAnErrorNamingIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-\(UUID())")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("x".utf8).write(to: file)
        let error = #expect(throws: PNG.Failure.self) { try PNGSequence.write([RGBImage(width: 2, height: 2)], to: file) }
        #expect(error?.description.contains(file.path) == true)
    }
}
