import Foundation

/// One evaluated trial: an episode of a task cell in a lab (or one probe clip), and whether it succeeded.
public struct TrialRecord: Codable, Equatable, Sendable {
    public var task: String
    public var object: String
    public var lab: String
    public var trial: Int
    public var seed: UInt64
    public var success: Bool
    /// Actions taken (policy steps).
    public var steps: Int
    /// Mean wall time to choose one action, in seconds (planning or policy inference).
    public var secondsPerAction: Double

    public init(task: String, object: String, lab: String, trial: Int, seed: UInt64, success: Bool, steps: Int,
                secondsPerAction: Double) {
        self.task = task
        self.object = object
        self.lab = lab
        self.trial = trial
        self.seed = seed
        self.success = success
        self.steps = steps
        self.secondsPerAction = secondsPerAction
    }
}

/// `trials.jsonl` in an evaluation artifact: one JSON `TrialRecord` per line, appended as trials finish, so that
/// an interrupted evaluation resumes after its last complete line.
public enum TrialRecords {
    public static let fileName = "trials.jsonl"

    /// The complete records in `folder` (a torn last line from a killed writer is ignored; none when the file is absent).
    public static func read(from folder: URL) throws -> [TrialRecord] {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let decoder = JSONDecoder()
        var records = [TrialRecord]()
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let record = try? decoder.decode(TrialRecord.self, from: Data(line)) else { continue }
            records.append(record)
        }
        return records
    }

    /// Keeps only the complete lines of `folder`'s file (rewritten atomically), before appending after a resume.
    public static func truncateTornLine(in folder: URL) throws {
        let records = try read(from: folder)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var data = Data()
        for record in records {
            data.append(try encoder.encode(record))
            data.append(UInt8(ascii: "\n"))
        }
        try data.write(to: folder.appendingPathComponent(fileName), options: .atomic)
    }

    /// Appends one record as a line.
    public static func append(_ record: TrialRecord, to folder: URL) throws {
        let url = folder.appendingPathComponent(fileName)
        if !FileManager.default.fileExists(atPath: url.path) { try Data().write(to: url, options: .atomic) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(try encoder.encode(record) + Data("\n".utf8))
    }
}
