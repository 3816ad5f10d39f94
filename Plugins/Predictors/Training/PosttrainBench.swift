import Foundation
import Harness
import Tensor

extension Predictors {
    /// Post-training speed of `predictor/ac` at the default shape (width 128, depth 4, pool 2 over `encoder/vjepa`'s
    /// 64 × 96 tokens) and batch (16 clips of 8 steps, teacher forcing plus a 2-step rollout), through the training
    /// loop itself, against a teacher-forced forward of the same batch.
    public static let posttrainBench = Bench(
        name: "posttrain",
        summary: "predictor/ac training steps/s (batch 16 × 8 steps, 16 tokens/frame); vs a teacher-forced forward, same batch"
    ) { repeats in
        let config = try ACPredictorConfig(encoderTokens: 64, latentWidth: 96)
        let cache = noiseCache(episodes: 32, steps: 16, config: config)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let steps = 4
        var run = 0
        let seconds = try Bench.medianSeconds(repeats: repeats) {
            var options = ACTraining.Options(steps: steps)
            options.checkpointEvery = steps
            var model = ACPredictor(config: config, seed: 0)
            run += 1
            _ = try ACTraining(options: options, out: folder.appendingPathComponent("run\(run).safetensors")).run(&model, cache: cache)
        }
        var sampler = try LatentClipSampler(cache: cache, clipLength: 8, batchSize: 16, seed: 0)
        let batch = sampler.next()
        let model = ACPredictor(config: config, seed: 0)
        let forward = Bench.medianSeconds(repeats: repeats) {
            _ = model.predict(latents: model.targets(batch.latents), states: batch.states, actions: batch.actions)
        }
        return [BenchFigure(benchmark: "posttrain", name: "predictor/ac training", value: Double(steps) / seconds, unit: "steps/s",
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
