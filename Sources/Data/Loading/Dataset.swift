import Foundation
import Sim

/// A complete dataset folder opened for reading: its `manifest.json` and episode files.
///
/// Every whole-episode read checks the file's SHA-256 against the manifest and all CRC-32s, shapes and dtypes; a
/// corrupt, truncated or missing file is an error naming it.
public struct Dataset: Sendable {
    public let directory: URL
    public let manifest: Manifest

    /// Opens the dataset in `directory` (which must hold `manifest.json`; run the merge first for sharded data).
    public init(directory: URL) throws {
        let url = directory.appendingPathComponent(Manifest.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataError.invalid(
                "\(directory.path) has no \(Manifest.fileName); generate the dataset there, or merge its shards first")
        }
        self.directory = directory
        manifest = try Manifest.read(from: url)
    }

    init(directory: URL, manifest: Manifest) {
        self.directory = directory
        self.manifest = manifest
    }

    /// The episode files, ascending by index.
    public var entries: [Manifest.Entry] { manifest.files }

    public func url(of entry: Manifest.Entry) -> URL { directory.appendingPathComponent(entry.file) }

    /// Reads and verifies one whole episode.
    public func episode(_ entry: Manifest.Entry) throws -> Episode {
        let url = url(of: entry)
        let bytes = try verifiedBytes(of: entry)
        return try Episode(fileBytes: bytes, path: url.path)
    }

    /// Reads the episodes of `entries` one after another (for latent caching and probes).
    public func episodes(_ entries: [Manifest.Entry]? = nil) -> EpisodeIterator {
        EpisodeIterator(dataset: self, entries: entries ?? self.entries)
    }

    /// Splits the episodes into a training and a held-out part: `round(fraction · N)` episodes held out, chosen by a
    /// seeded hash of their index, so the split depends only on `(seed, fraction, N)`. Both parts ascend by index.
    public func split(heldOut fraction: Double, seed: UInt64) throws -> (train: [Manifest.Entry], heldOut: [Manifest.Entry]) {
        guard (0...1).contains(fraction) else { throw DataError.invalid("held-out fraction must be in 0...1, got \(fraction)") }
        let count = Int((fraction * Double(entries.count)).rounded())
        let ranked = entries.sorted {
            let a = SeededRandom.derive(seed, UInt64($0.index)), b = SeededRandom.derive(seed, UInt64($1.index))
            return a != b ? a < b : $0.index < $1.index
        }
        let heldOut = Set(ranked.prefix(count).map(\.index))
        return (entries.filter { !heldOut.contains($0.index) }, entries.filter { heldOut.contains($0.index) })
    }

    /// The file's bytes after checking its size and SHA-256 against the manifest.
    func verifiedBytes(of entry: Manifest.Entry) throws -> [UInt8] {
        let url = url(of: entry)
        let bytes = try AtomicFile.read(url)
        guard bytes.count == entry.bytes else {
            throw DataError.corruptFile(
                path: url.path, reason: "\(bytes.count) bytes, the manifest records \(entry.bytes) (truncated or replaced)")
        }
        let digest = SHA256.hex(bytes)
        guard digest == entry.sha256 else {
            throw DataError.checksumMismatch(path: url.path, expected: entry.sha256, actual: digest)
        }
        return bytes
    }

    /// The index in an `episode_NNNNNN.npz` file name.
    static func episodeIndex(fileName name: String) -> Int? {
        guard name.hasPrefix("episode_"), name.hasSuffix(".npz") else { return nil }
        let digits = name.dropFirst("episode_".count).dropLast(".npz".count)
        guard digits.count >= 6, digits.allSatisfy(\.isASCII), let index = Int(digits), index >= 0 else { return nil }
        return Episode.fileName(index: index) == name ? index : nil
    }
}

/// Whole episodes of a dataset in order, each verified as it is read.
public struct EpisodeIterator {
    private let dataset: Dataset
    private let entries: [Manifest.Entry]
    private var position = 0

    init(dataset: Dataset, entries: [Manifest.Entry]) {
        self.dataset = dataset
        self.entries = entries
    }

    /// The next episode, or nil after the last.
    public mutating func next() throws -> Episode? {
        guard position < entries.count else { return nil }
        defer { position += 1 }
        return try dataset.episode(entries[position])
    }
}
