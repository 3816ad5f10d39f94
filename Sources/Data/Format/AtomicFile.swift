import Foundation

/// Whole-file reads and atomic writes: bytes go to a hidden temporary file in the destination's folder, which is
/// then renamed over the destination, so a reader (or a resumed run) never sees a partly written file.
enum AtomicFile {
    /// The suffix of temporary files; a killed writer may leave some behind, which `removeStale` cleans up.
    static let temporarySuffix = ".partial"

    static func write(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            "." + url.lastPathComponent + "." + UUID().uuidString + temporarySuffix)
        do {
            try Foundation.Data(bytes).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw DataError.invalid("cannot rename \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? DataError { throw error }
            throw DataError.invalid("cannot write \(url.path): \(error.localizedDescription)")
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
        for name in names where name.hasPrefix(".") && name.hasSuffix(temporarySuffix) {
            // ".<target>.<UUID>.partial"
            let target = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false).dropLast(2)
            if owns(target.joined(separator: ".")) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        }
    }
}
