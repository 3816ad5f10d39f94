import Foundation

/// Content-addressed stage outputs: `ROOT/<stage>/<key>/`, complete once its marker file exists.
///
/// The key (`PlannedStage.key`) hashes the stage's configuration with its inputs' keys, so an output is reused
/// exactly when nothing it depends on changed. A folder without the marker is an interrupted stage's work: the
/// stage is asked to resume into it. The marker is written atomically after the stage returns.
public struct ArtifactCache: Sendable {
    /// The name of the completion marker inside an artifact's folder.
    public static let marker = "COMPLETE"
    /// The stage configuration written beside the output, for traceability.
    public static let configurationFile = "configuration.json"

    /// Where an artifact stands.
    public enum State: String, Sendable {
        case complete, partial, missing
    }

    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The folder of `stage`'s artifact.
    public func directory(of stage: PlannedStage) -> URL {
        root.appendingPathComponent(stage.kind.rawValue).appendingPathComponent(stage.key)
    }

    public func state(of stage: PlannedStage) -> State {
        let folder = directory(of: stage)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(ArtifactCache.marker).path) { return .complete }
        return FileManager.default.fileExists(atPath: folder.path) ? .partial : .missing
    }

    /// The artifact's folder, produced by `produce(folder, resuming)` unless it is complete already; returns whether
    /// it was reused.
    public func artifact(for stage: PlannedStage, produce: (_ folder: URL, _ resuming: Bool) throws -> Void) throws -> (URL, reused: Bool) {
        let folder = directory(of: stage)
        let state = state(of: stage)
        if state == .complete { return (folder, true) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(stage.configuration.utf8).write(to: folder.appendingPathComponent(ArtifactCache.configurationFile), options: .atomic)
        try produce(folder, state == .partial)
        let stamp = ISO8601DateFormatter().string(from: Date())
        try Data("\(stage.kind.rawValue) \(stage.key) completed \(stamp)\n".utf8)
            .write(to: folder.appendingPathComponent(ArtifactCache.marker), options: .atomic)
        return (folder, false)
    }
}
