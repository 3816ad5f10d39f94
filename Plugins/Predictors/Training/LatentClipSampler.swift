import Harness
import Sim
import Tensor

/// Random clips of `clipLength` steps from a latent cache: a uniformly drawn episode and a uniformly drawn start,
/// `batchSize` at a time. The clips of batch `step` depend only on the seed and `step`, so a resumed run sees the
/// batches an uninterrupted one would.
public struct LatentClipSampler {
    public let cache: LatentCache
    public let clipLength: Int
    public let batchSize: Int
    public let seed: UInt64

    public init(cache: LatentCache, clipLength: Int, batchSize: Int, seed: UInt64) throws {
        guard clipLength >= 2, batchSize >= 1 else {
            throw TrainingError.invalid("clip length must be ≥ 2 and batch size ≥ 1, got \(clipLength) and \(batchSize)")
        }
        if let short = cache.episodes.firstIndex(where: { $0.steps < clipLength }) {
            throw TrainingError.invalid(
                "episode \(short) of the latent cache has \(cache.episodes[short].steps) steps, fewer than the clip length \(clipLength)")
        }
        self.cache = cache
        self.clipLength = clipLength
        self.batchSize = batchSize
        self.seed = seed
    }

    /// Batch `step`: encoder latents `[B, k, N, D]`, states and actions `[B, k, 7]`.
    public func batch(step: Int) -> (latents: Tensor, states: Tensor, actions: Tensor) {
        var generator = SeededGenerator(seed: SeededRandom.derive(seed, UInt64(step)))
        let (n, d) = (cache.tokensPerFrame, cache.latentWidth)
        var latents: [Float] = [], states: [Float] = [], actions: [Float] = []
        latents.reserveCapacity(batchSize * clipLength * n * d)
        for _ in 0..<batchSize {
            let episode = cache.episodes[Int(generator.next() % UInt64(cache.episodes.count))]
            let start = Int(generator.next() % UInt64(episode.steps - clipLength + 1))
            let rows = start..<(start + clipLength)
            latents += episode.latents.scalars[(rows.lowerBound * n * d)..<(rows.upperBound * n * d)]
            states += episode.states.scalars[(rows.lowerBound * 7)..<(rows.upperBound * 7)]
            actions += episode.actions.scalars[(rows.lowerBound * 7)..<(rows.upperBound * 7)]
        }
        return (Tensor(shape: [batchSize, clipLength, n, d], scalars: latents),
                Tensor(shape: [batchSize, clipLength, 7], scalars: states),
                Tensor(shape: [batchSize, clipLength, 7], scalars: actions))
    }
}
