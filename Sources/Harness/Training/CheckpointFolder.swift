import Foundation

/// A folder of resumable training states, one sub-folder per saved step (`step-0000400`).
///
/// A state is written into a hidden temporary folder that is then renamed into place, so a killed run leaves either
/// the previous state or the new one, never half of one; older states beyond `keep` are removed after each save.
public struct CheckpointFolder: Sendable {
    public let directory: URL
    public let keep: Int

    public init(directory: URL, keep: Int = 2) {
        self.directory = directory
        self.keep = max(1, keep)
    }

    /// Claims the folder for one run until the returned claim is released: a second run on the same folder (the same
    /// `--out`) fails at once instead of interleaving its states with this one's. The claim is an advisory lock on
    /// `lock` in the folder, which the system drops when the process ends, however it ends.
    public func claim() throws -> Claim {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try Claim(lockFile: directory.appendingPathComponent("lock"))
    }

    /// An exclusive claim on a checkpoint folder, released when it is deinitialised.
    public final class Claim {
        private let descriptor: Int32

        init(lockFile: URL) throws {
            descriptor = open(lockFile.path, O_CREAT | O_RDWR, 0o644)
            guard descriptor >= 0 else {
                throw TrainingError.invalid("cannot open \(lockFile.path): \(String(cString: strerror(errno)))")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                throw TrainingError.invalid("\(lockFile.deletingLastPathComponent().path) is in use by another training run "
                                            + "(locked \(lockFile.lastPathComponent)); wait for it to finish or write elsewhere")
            }
        }

        deinit {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }

    /// The newest complete state, if any.
    public func latest() throws -> (step: Int, folder: URL)? {
        try states().last
    }

    /// Writes the state after `step` completed steps with `write(folder)`; returns the state's folder.
    @discardableResult
    public func save(step: Int, _ write: (URL) throws -> Void) throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = String(format: "step-%07d", step)
        let temporary = directory.appendingPathComponent(".\(name).\(UUID().uuidString).partial")
        let final = directory.appendingPathComponent(name)
        try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
        do {
            try write(temporary)
            if fm.fileExists(atPath: final.path) { try fm.removeItem(at: final) }
            guard rename(temporary.path, final.path) == 0 else {
                throw TrainingError.invalid("cannot rename \(temporary.path) to \(final.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
        for (_, old) in try states().dropLast(keep) { try fm.removeItem(at: old) }
        return final
    }

    /// Complete states ascending by step; temporary folders of killed writers are removed.
    private func states() throws -> [(step: Int, folder: URL)] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory.path) else { return [] }
        var found: [(Int, URL)] = []
        for name in try fm.contentsOfDirectory(atPath: directory.path) {
            let url = directory.appendingPathComponent(name)
            if name.hasPrefix("."), name.hasSuffix(".partial") {
                try? fm.removeItem(at: url)
            } else if name.hasPrefix("step-"), let step = Int(name.dropFirst(5)) {
                found.append((step, url))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }
}
