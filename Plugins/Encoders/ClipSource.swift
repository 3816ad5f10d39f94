import Data
import Foundation
import NN

/// Training clips by step number. The clips of a step must depend only on the step (and the source's seed), so that
/// a resumed run sees exactly the data an uninterrupted one would.
public protocol ClipSource {
    /// The clips `[B, T, H, W, 3]` (Float32 in [0, 1]) of step `step`.
    mutating func clips(at step: Int) throws -> Tensor
}

/// Clips streamed from a dataset by a `ClipLoader` that is re-seeded every `segment` steps from `(seed, segment)`,
/// so the batch of step `s` is the `(s mod segment)`-th batch of that segment's stream, whatever ran before.
public final class DatasetClips: ClipSource {
    public let dataset: Dataset
    public let entries: [Manifest.Entry]
    public let clipFrames: Int
    public let batchSize: Int
    public let seed: UInt64
    public let segment: Int
    private var loader: ClipLoader?
    private var position = (segment: -1, offset: 0)

    public init(dataset: Dataset, entries: [Manifest.Entry]? = nil, clipFrames: Int, batchSize: Int, seed: UInt64, segment: Int = 100) {
        self.dataset = dataset
        self.entries = entries ?? dataset.entries
        self.clipFrames = clipFrames
        self.batchSize = batchSize
        self.seed = seed
        self.segment = segment
    }

    public func clips(at step: Int) throws -> Tensor {
        let (wanted, offset) = (step / segment, step % segment)
        if loader == nil || position.segment != wanted || position.offset > offset {
            loader = try ClipLoader(dataset: dataset, entries: entries, clipLength: clipFrames, batchSize: batchSize,
                                    seed: StepSeed.mix(seed, wanted))
            position = (wanted, 0)
        }
        while position.offset < offset {
            _ = try loader!.next()
            position.offset += 1
        }
        let batch = try loader!.next()
        position.offset += 1
        return Tensor(shape: batch.frameShape, scalars: batch.frames)
    }
}

/// Seeds derived from a run's seed and a step (or segment) number.
public enum StepSeed {
    /// A well-mixed 64-bit seed from `seed` and `index` (SplitMix64's finaliser).
    public static func mix(_ seed: UInt64, _ index: Int) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: index + 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
