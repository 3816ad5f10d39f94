import Harness
import Tensor

extension Predictors {
    /// Post-training speed of `predictor/ac` at the default shape (width 128, depth 4, pool 2 over `encoder/vjepa`'s
    /// 64 × 96 tokens) and batch (16 clips of 8 steps, teacher forcing plus a 2-step rollout), one `ACTraining` step
    /// at a time, against a teacher-forced forward of the same batch.
    public static let posttrainBench = Bench(
        name: "posttrain",
        summary: "predictor/ac training steps/s (batch 16 × 8 steps, 16 tokens/frame); vs a teacher-forced forward, same batch"
    ) { repeats in
        let config = try ACPredictorConfig(encoderTokens: 64, latentWidth: 96)
        let cache = noiseCache(episodes: 32, steps: 16, config: config)
        var task = try ACTraining(predictor: ACPredictor(config: config, seed: 0), cache: cache, options: ACTraining.Options(steps: 1000))
        var step = 0
        let seconds = try Bench.medianSeconds(repeats: repeats) {
            _ = try task.step(step)
            step += 1
        }
        let batch = try LatentClipSampler(cache: cache, clipLength: 8, batchSize: 16, seed: 0).batch(step: 0)
        let model = task.model
        let forward = Bench.medianSeconds(repeats: repeats) {
            _ = model.predict(latents: model.targets(batch.latents), states: batch.states, actions: batch.actions)
        }
        return [BenchFigure(benchmark: "posttrain", name: "predictor/ac training", value: 1 / seconds, unit: "steps/s",
                            reference: .init(name: "teacher-forced forward, same batch", value: 1 / forward, unit: "batches/s"))]
    }

    /// Episodes of Gaussian latents and small random actions with the shapes `config` reads.
    static func noiseCache(episodes: Int, steps: Int, config: ACPredictorConfig) -> LatentCache {
        var generator = SeededGenerator(seed: 0)
        return LatentCache(key: "bench", episodes: (0..<episodes).map { _ in
            LatentCache.Episode(latents: .randomNormal([steps, config.encoderTokens, config.latentWidth], using: &generator),
                                states: .randomNormal([steps, 7], std: 0.1, using: &generator),
                                actions: .randomNormal([steps, 7], std: 0.03, using: &generator))
        })
    }
}
