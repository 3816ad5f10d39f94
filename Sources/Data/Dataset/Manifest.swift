import Foundation

/// A dataset folder's `manifest.json` (or one shard's `manifest.shard-I-of-N.json`): the configuration, counts,
/// statistics, and every episode file with its SHA-256.
public struct Manifest: Codable, Equatable, Sendable {
    public static let currentFormat = "jepalab-dataset/1"
    public static let fileName = "manifest.json"

    /// One episode file.
    public struct Entry: Codable, Equatable, Sendable {
        public var index: Int
        public var file: String
        public var seed: UInt64
        public var steps: Int
        public var bytes: Int
        public var sha256: String
        public var interactions: Interactions
    }

    public var format: String
    public var config: DatasetConfig
    /// The shard this manifest covers; nil for a complete dataset.
    public var shard: Shard?
    public var episodes: Int
    public var frames: Int
    public var statistics: DatasetStatistics
    /// Ascending by index.
    public var files: [Entry]

    init(config: DatasetConfig, shard: Shard?, files: [Entry]) {
        format = Manifest.currentFormat
        self.config = config
        self.shard = shard
        self.files = files.sorted { $0.index < $1.index }
        episodes = files.count
        frames = files.reduce(0) { $0 + $1.steps }
        statistics = DatasetStatistics(files.map(\.interactions))
    }

    /// The file name of a shard's manifest; the whole dataset (`Shard.whole`) uses `manifest.json`.
    public static func fileName(for shard: Shard) -> String {
        shard == .whole ? fileName : "manifest.shard-\(shard.index)-of-\(shard.count).json"
    }

    public static func read(from url: URL) throws -> Manifest {
        let bytes = try AtomicFile.read(url)
        do {
            let manifest = try JSONDecoder().decode(Manifest.self, from: Foundation.Data(bytes))
            guard manifest.format == currentFormat else {
                throw DataError.corruptFile(path: url.path, reason: "format is '\(manifest.format)', expected '\(currentFormat)'")
            }
            return manifest
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError.corruptFile(path: url.path, reason: "not a readable manifest: \(error)")
        }
    }

    /// Writes the manifest atomically as sorted, indented JSON.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(Array(try encoder.encode(self)), to: url)
    }
}
