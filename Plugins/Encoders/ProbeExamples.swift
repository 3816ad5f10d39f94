import Data
import Foundation
import Harness
import NN

/// Frozen-encoder features of labelled windows, cached once so the probe trains on them without the encoder.
public struct ProbeExamples: Sendable {
    /// `[M, N, D]` flattened.
    public private(set) var features: [Float] = []
    public private(set) var labels: [Int] = []
    public let tokens: Int
    public let width: Int
    /// Class names; label `i` is `classes[i]`.
    public let classes: [String]

    public var count: Int { labels.count }

    /// Encodes every window of `task` (`frames` steps, one every `stride` steps) of the episodes of `dataset`
    /// (at most `limit` windows, spread evenly over the episodes' windows), labelling by primitive name in `classes`
    /// (the first dataset's `meta.primitives` when nil).
    public init(encoder: Encoder, dataset: Dataset, entries: [Manifest.Entry]? = nil, task: ProbeTask, frames: Int,
                stride: Int, limit: Int = .max, classes: [String]? = nil) throws {
        let size = dataset.manifest.config.size
        guard size == encoder.imageSize else {
            throw EncoderError.badInput("\(dataset.directory.path) holds \(size)×\(size) frames; the encoder takes \(encoder.imageSize)×\(encoder.imageSize)")
        }
        let probeShape = encoder.encodeClips(.zeros([1, frames, size, size, 3])).shape
        (tokens, width) = (probeShape[1], probeShape[2])
        var names = classes
        var iterator = dataset.episodes(entries)
        var all: [(episode: Episode, windows: [(start: Int, label: Int)])] = []
        while let episode = try iterator.next() {
            if names == nil { names = episode.meta.primitives }
            let windows = task.windows(labels: episode.primitive, frames: frames, stride: stride)
            let mapped = try windows.map { w -> (start: Int, label: Int) in
                let name = episode.meta.primitives[w.label]
                guard let index = names!.firstIndex(of: name) else {
                    throw EncoderError.badInput("episode \(episode.meta.episodeIndex): primitive '\(name)' is not among the probe's classes \(names!)")
                }
                return (w.start, index)
            }
            all.append((episode, mapped))
        }
        self.classes = names ?? []
        let total = all.reduce(0) { $0 + $1.windows.count }
        let every = total <= limit ? 1 : (total + limit - 1) / max(limit, 1)
        var seen = 0
        let pixels = size * size * 3
        for (episode, windows) in all {
            var chosen: [(start: Int, label: Int)] = []
            for w in windows {
                if seen % every == 0 && labels.count + chosen.count < limit { chosen.append(w) }
                seen += 1
            }
            for batch in Swift.stride(from: 0, to: chosen.count, by: 16).map({ Array(chosen[$0..<min(chosen.count, $0 + 16)]) }) {
                var scalars = [Float]()
                scalars.reserveCapacity(batch.count * frames * pixels)
                for w in batch {
                    scalars.append(contentsOf: episode.frames[(w.start * pixels)..<((w.start + frames) * pixels)].map { Float($0) / 255 })
                }
                let encoded = encoder.encodeClips(Tensor(shape: [batch.count, frames, size, size, 3], scalars: scalars))
                features.append(contentsOf: encoded.scalars)
                labels.append(contentsOf: batch.map(\.label))
            }
        }
        guard !labels.isEmpty else {
            throw EncoderError.badInput("\(dataset.directory.path): no episode is long enough for \(task.rawValue) windows of \(frames) frames")
        }
    }

    /// Per-(token, dimension) mean and standard deviation over the examples (the statistics `standardize` uses).
    public var statistics: (mean: [Float], std: [Float]) {
        let size = tokens * width
        var sum = [Double](repeating: 0, count: size), squares = [Double](repeating: 0, count: size)
        for e in 0..<count {
            for j in 0..<size {
                let v = Double(features[e * size + j])
                sum[j] += v
                squares[j] += v * v
            }
        }
        let n = Double(max(count, 1))
        let mean = sum.map { $0 / n }
        return (mean.map(Float.init), zip(squares, mean).map { Float(max($0 / n - $1 * $1, 0).squareRoot()) })
    }

    /// Standardises every (token, dimension) with `statistics` of the training examples (as a probe's batch norm
    /// without affine parameters would), so that what varies between clips is not drowned by what every clip shares.
    public mutating func standardize(_ statistics: (mean: [Float], std: [Float])) {
        let size = tokens * width
        precondition(statistics.mean.count == size, "ProbeExamples.standardize: statistics of another feature shape")
        for e in 0..<count {
            for j in 0..<size { features[e * size + j] = (features[e * size + j] - statistics.mean[j]) / (statistics.std[j] + 1e-3) }
        }
    }

    /// The features `[K, N, D]` of examples `indices`.
    public func batch(_ indices: [Int]) -> Tensor {
        let size = tokens * width
        var scalars = [Float]()
        scalars.reserveCapacity(indices.count * size)
        for i in indices { scalars.append(contentsOf: features[(i * size)..<((i + 1) * size)]) }
        return Tensor(shape: [indices.count, tokens, width], scalars: scalars)
    }

    /// The fraction of examples carrying the most frequent label (the accuracy of always guessing it).
    public var majorityRate: Double {
        let counts = Dictionary(grouping: labels, by: { $0 }).mapValues(\.count)
        return Double(counts.values.max() ?? 0) / Double(max(count, 1))
    }
}
