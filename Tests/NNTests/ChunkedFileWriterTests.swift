import Foundation
import NN
import Testing

@Suite struct ChunkedFileWriterTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nn-chunked-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Chunks that do not divide the file, and one larger than it, give the bytes back in order (the failure this
    /// writer exists for: a write restarting from the first byte after its first chunk).
    @Test func chunksReassembleTheBytesInOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 256) })
        for chunk in [1, 7, 999, 1000, 4096] {
            let url = folder.appendingPathComponent("f\(chunk).bin")
            try ChunkedFileWriter.write(bytes, to: url, chunk: chunk)
            #expect(try Data(contentsOf: url) == bytes, "chunk \(chunk)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasSuffix(".partial") })
    }

    @Test func replacesAnExistingFileAndReportsAMissingFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("f.bin")
        try ChunkedFileWriter.write(Data([1, 2, 3]), to: url)
        try ChunkedFileWriter.write(Data([4]), to: url)
        #expect(try Data(contentsOf: url) == Data([4]))
        let missing = folder.appendingPathComponent("no/such/f.bin")
        #expect { try ChunkedFileWriter.write(Data([1]), to: missing) } throws: { "\($0)".contains(missing.path) }
    }
}
