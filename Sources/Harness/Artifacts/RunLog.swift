import Foundation

/// A run's log: timestamped lines appended to `log.txt` in the run folder and echoed to standard output.
public final class RunLog: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: FileHandle?
    private let echo: Bool
    /// Whether lines are echoed to standard output.
    public var echoes: Bool { echo }

    /// A log writing to `file` (created or appended to), echoing when `echo` is true; with no file it only echoes.
    public init(file: URL?, echo: Bool) throws {
        self.echo = echo
        if let file {
            if !FileManager.default.fileExists(atPath: file.path) {
                guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                    throw ScenarioError("cannot create the log file \(file.path)")
                }
            }
            handle = try FileHandle(forWritingTo: file)
            handle?.seekToEndOfFile()
        }
    }

    deinit { try? handle?.close() }

    /// Writes one line.
    public func callAsFunction(_ message: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        lock.lock()
        defer { lock.unlock() }
        handle?.write(Data("\(stamp) \(message)\n".utf8))
        if echo {
            print(message)
            fflush(stdout)
        }
    }
}
