import Foundation

/// Atomic writes of files of any size: the bytes go to a temporary file in the destination's folder in chunks, which
/// is then renamed over the destination.
///
/// Why not `Data.write(to:options: .atomic)`: on Linux, Foundation's write of more than 2 GiB restarts from the first
/// byte after the kernel's 0x7ffff000-byte limit per `write(2)`, so a latent cache of 3,000 episodes came out the right
/// size with everything past 2 GiB a copy of the file's start. Chunks well below that limit avoid it.
public enum ChunkedFileWriter {
    /// A write that failed, naming the destination and the system's reason.
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Bytes per `write(2)` call.
    public static let defaultChunk = 1 << 28
    /// The suffix of temporary files (`.<name>.<UUID>.partial` beside the destination); a killed writer may leave
    /// some behind.
    public static let temporarySuffix = ".partial"

    /// Writes `data` to `url` atomically, at most `chunk` bytes per system call.
    public static func write(_ data: Data, to url: URL, chunk: Int = defaultChunk) throws {
        precondition(chunk > 0, "ChunkedFileWriter: chunk \(chunk) must be positive")
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent("." + url.lastPathComponent + "." + UUID().uuidString + temporarySuffix)
        func fail(_ what: String) -> Failure {
            Failure(path: url.path, reason: "\(what) \(temporary.path): \(String(cString: strerror(errno)))")
        }
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw fail("create") }
        do {
            defer { close(descriptor) }
            try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < bytes.count {
                    let count = Foundation.write(descriptor, bytes.baseAddress! + offset, min(chunk, bytes.count - offset))
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { throw fail("write") }
                    offset += count
                }
            }
            guard fsync(descriptor) == 0 else { throw fail("flush") }
        } catch {
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            defer { unlink(temporary.path) }
            throw fail("rename")
        }
    }
}
