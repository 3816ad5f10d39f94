import Foundation
import Predictors
import Tensor

/// Latents that are a known smooth function of the end-effector state, along random walks whose actions are the
/// state deltas: a world the AC predictor can learn, with the answer known.
enum SyntheticDynamics {
    static let tokens = 16, width = 8

    /// `latents[i, c] = sin(Σ_k w[i, c, k] · state[k] + b[i, c])`, weights fixed by a seed.
    static func latents(of state: [Float]) -> [Float] {
        var generator = SeededGenerator(seed: 99)
        var out: [Float] = []
        for _ in 0..<(tokens * width) {
            var phase = generator.nextNormal()
            for k in 0..<7 { phase += generator.nextNormal() * (k < 3 ? 8 : 1.5) * state[k] }
            out.append(Foundation.sin(phase))
        }
        return out
    }

    static func cache(episodes: Int, steps: Int, seed: UInt64) -> LatentCache {
        var generator = SeededGenerator(seed: seed)
        let list = (0..<episodes).map { _ -> LatentCache.Episode in
            var state: [Float] = [0.5, 0, 0.2, 0, 0, 0, 0]
            var states: [Float] = [], actions: [Float] = [], latents: [Float] = []
            for t in 0..<steps {
                var action = (0..<3).map { _ in (generator.nextUnit() - 0.5) * 0.1 } + [0, 0, 0]
                action.append(generator.nextUnit() < 0.5 ? 0 : 1)
                if t == steps - 1 { action = [Float](repeating: 0, count: 7) }
                states += state
                actions += action
                latents += SyntheticDynamics.latents(of: state)
                state = (0..<6).map { state[$0] + action[$0] } + [action[6]]
            }
            return LatentCache.Episode(latents: Tensor(shape: [steps, tokens, width], scalars: latents),
                                       states: Tensor(shape: [steps, 7], scalars: states),
                                       actions: Tensor(shape: [steps, 7], scalars: actions))
        }
        return LatentCache(key: "synthetic-\(seed)", episodes: list)
    }

    static func config() throws -> ACPredictorConfig {
        try ACPredictorConfig(encoderTokens: tokens, latentWidth: width, pool: 2, width: 48, depth: 2, heads: 2)
    }
}
