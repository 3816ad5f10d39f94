import Data
import Foundation
import Testing

/// Whether `python3` with numpy can be run here; the test below is skipped otherwise.
private let numpyAvailable: Bool = (try? Python.run("import numpy")) != nil

private enum Python {
    /// Runs `python3 -c script` and returns its standard output; throws when it fails.
    static func run(_ script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw DataError.invalid("python3 failed: \(message)") }
        return text
    }
}

@Suite struct NumpyInteropTests {
    @Test(.enabled(if: numpyAvailable, "python3 with numpy is not available"))
    func numpyLoadsAnEpisodeWithItsShapesDtypesAndValues() throws {
        let episode = try Synthetic.episode(try Synthetic.config(), index: 12, seed: 77)
        let folder = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(Episode.fileName(index: 12))
        try episode.write(to: url)
        let script = """
            import json, sys, zipfile, numpy
            zipfile.ZipFile(sys.argv[1]).testzip() is None or sys.exit("bad CRC")
            f = numpy.load(sys.argv[1])
            for name in ["frames", "state", "action", "joints", "objects", "primitive", "contact"]:
                a = f[name]
                print(name, a.dtype, list(a.shape), repr(float(a.astype(numpy.float64).sum())))
            meta = json.loads(bytes(f["meta.json"]))
            print("meta", meta["episode_index"], meta["seed"], meta["frame_rate"], ",".join(meta["objects"]))
            """
        let lines = try Python.run(script, arguments: [url.path]).split(separator: "\n").map(String.init)
        func sum<T: BinaryInteger>(_ values: [T]) -> Double { values.reduce(0.0) { $0 + Double($1) } }
        func sum(_ values: [Float]) -> Double { values.reduce(0.0) { $0 + Double($1) } }
        let expected: [(String, String, [Int], Double)] = [
            ("frames", "uint8", [6, 8, 8, 3], sum(episode.frames)),
            ("state", "float32", [6, 7], sum(episode.state)),
            ("action", "float32", [6, 7], sum(episode.action)),
            ("joints", "float32", [6, 9], sum(episode.joints)),
            ("objects", "float32", [6, 2, 7], sum(episode.objects)),
            ("primitive", "int32", [6], sum(episode.primitive)),
            ("contact", "uint8", [6, 2], sum(episode.contact.map(\.rawValue))),
        ]
        #expect(lines.count == expected.count + 1)
        for (line, (name, dtype, shape, total)) in zip(lines, expected) {
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            #expect(fields[0] == name && fields[1] == dtype)
            let rest = fields[2]
            #expect(rest.hasPrefix("\(shape) "), "\(name): \(line)")
            let pythonSum = Double(rest.split(separator: " ").last!)!
            #expect(abs(pythonSum - total) <= 1e-4 * max(1, abs(total)), "\(name): numpy sums \(pythonSum), Swift \(total)")
        }
        #expect(lines.last == "meta 12 77 4 cup,box")
    }
}
