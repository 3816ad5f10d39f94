import Foundation
import NN

/// Whole-file reads and atomic writes (`ChunkedFileWriter`: a hidden temporary file in the destination's folder,
/// renamed over the destination), so a reader (or a resumed run) never sees a partly written file.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to url: URL) throws {
        do {
            try ChunkedFileWriter.write(Foundation.Data(bytes), to: url)
        } catch {
            throw DataError.invalid("\(error)")
        }
    }

    static func read(_ url: URL) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataError.corruptFile(path: url.path, reason: "is missing")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError.corruptFile(path: url.path, reason: "cannot be read")
        }
        return [UInt8](data)
    }

    /// Removes temporary files left in `folder` by killed writers of files for which `owns(name)` is true.
    static func removeStale(in folder: URL, owns: (String) -> Bool) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(ChunkedFileWriter.temporarySuffix) {
            // ".<target>.<UUID>.partial"
            let target = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false).dropLast(2)
            if owns(target.joined(separator: ".")) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        }
    }
}
