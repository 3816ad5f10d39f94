import Foundation
import Sim

/// Streams random clips of `k` steps in mini-batches from a dataset, decoded on a worker thread that keeps up to
/// `prefetch` batches ready, so that decoding never stalls training.
///
/// Each clip is a uniformly drawn episode of `entries` and a uniformly drawn start in `0...(T − k)`. The stream
/// is endless and deterministic for a seed. The first time a file is used, its SHA-256 is checked against the
/// manifest and its structure fully verified; a corrupt, truncated or missing file makes `next()` throw an error
/// naming it. After that only the clip's rows are read.
public final class ClipLoader {
    public let clipLength: Int
    public let batchSize: Int
    private let prefetcher: Prefetcher<ClipBatch>

    public init(
        dataset: Dataset, entries: [Manifest.Entry]? = nil, clipLength: Int, batchSize: Int, seed: UInt64,
        prefetch: Int = 4
    ) throws {
        let entries = entries ?? dataset.entries
        guard clipLength >= 1, batchSize >= 1, prefetch >= 1 else {
            throw DataError.invalid(
                "clip length (\(clipLength)), batch size (\(batchSize)) and prefetch (\(prefetch)) must be at least 1")
        }
        guard !entries.isEmpty else { throw DataError.invalid("\(dataset.directory.path): no episodes to load clips from") }
        if let short = entries.first(where: { $0.steps < clipLength }) {
            throw DataError.invalid("\(short.file) has \(short.steps) steps, fewer than the clip length \(clipLength)")
        }
        self.clipLength = clipLength
        self.batchSize = batchSize
        let sampler = ClipSampler(dataset: dataset, entries: entries, clipLength: clipLength, batchSize: batchSize, seed: seed)
        prefetcher = Prefetcher(capacity: prefetch) { try sampler.batch() }
    }

    deinit { prefetcher.stop() }

    /// The next mini-batch.
    public func next() throws -> ClipBatch { try prefetcher.next() }

    /// Batches decoded and waiting (at most `prefetch`).
    public var readyBatches: Int { prefetcher.ready }
}

/// The worker's side of a `ClipLoader`: random draws, verified file layouts, row reads.
private final class ClipSampler: @unchecked Sendable {
    private let dataset: Dataset
    private let entries: [Manifest.Entry]
    private let clipLength: Int
    private let batchSize: Int
    private var random: SeededRandom
    private var layouts = [Int: EpisodeLayout]()

    init(dataset: Dataset, entries: [Manifest.Entry], clipLength: Int, batchSize: Int, seed: UInt64) {
        self.dataset = dataset
        self.entries = entries
        self.clipLength = clipLength
        self.batchSize = batchSize
        random = SeededRandom(seed: seed)
    }

    func batch() throws -> ClipBatch {
        let size = dataset.manifest.config.size
        var batch = ClipBatch(batchSize: batchSize, clipLength: clipLength, height: size, width: size)
        for _ in 0..<batchSize {
            let entry = entries[Int.random(in: 0..<entries.count, using: &random)]
            let start = Int.random(in: 0...(entry.steps - clipLength), using: &random)
            try append(entry, start: start, to: &batch)
        }
        return batch
    }

    private func append(_ entry: Manifest.Entry, start: Int, to batch: inout ClipBatch) throws {
        let url = dataset.url(of: entry)
        let layout = try self.layout(of: entry)
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw DataError.corruptFile(path: url.path, reason: "cannot be opened (missing or unreadable)")
        }
        defer { try? handle.close() }
        func rows(_ name: String) throws -> Foundation.Data {
            let array = layout.arrays[name]!
            let count = clipLength * array.rowBytes
            try handle.seek(toOffset: UInt64(array.offset + start * array.rowBytes))
            let data = try handle.read(upToCount: count) ?? Foundation.Data()
            guard data.count == count else {
                throw DataError.corruptFile(path: url.path, reason: "truncated since it was verified (\(name) rows cut short)")
            }
            return data
        }
        try rows("frames").withUnsafeBytes { bytes in batch.frames.append(contentsOf: bytes.lazy.map { Float($0) / 255 }) }
        try rows("state").withUnsafeBytes { batch.states.append(contentsOf: $0.bindMemory(to: Float.self)) }
        try rows("action").withUnsafeBytes { batch.actions.append(contentsOf: $0.bindMemory(to: Float.self)) }
        try rows("primitive").withUnsafeBytes { batch.primitives.append(contentsOf: $0.bindMemory(to: Int32.self).map(Int.init)) }
        batch.episodes.append(entry.index)
        batch.starts.append(start)
    }

    /// The file's verified layout, checked against the manifest on first use.
    private func layout(of entry: Manifest.Entry) throws -> EpisodeLayout {
        if let known = layouts[entry.index] { return known }
        let url = dataset.url(of: entry)
        let bytes = try dataset.verifiedBytes(of: entry)
        let layout = try bytes.withUnsafeBytes { raw in
            do {
                return try EpisodeLayout(raw, verifyCRC: true)
            } catch let failure as FormatFailure {
                throw DataError.corruptFile(path: url.path, reason: failure.reason)
            }
        }
        let size = dataset.manifest.config.size
        guard layout.meta.width == size, layout.meta.height == size, layout.steps == entry.steps else {
            throw DataError.corruptFile(
                path: url.path,
                reason: "holds \(layout.steps) steps of \(layout.meta.width)×\(layout.meta.height) frames; "
                    + "the manifest expects \(entry.steps) of \(size)×\(size)")
        }
        layouts[entry.index] = layout
        return layout
    }
}
