import Foundation
import Harness
import NN

extension Encoders {
    /// Pre-training speed at the default scale (64 × 64, 4-frame clips, batch 16) for V-JEPA and the masked
    /// autoencoder, each against the target encoder's plain forward pass over the same batch: a training step costs
    /// one context forward and backward on the visible tokens, a predictor forward and backward and an EMA forward.
    public static let pretrainBench = Bench(
        name: "pretrain",
        summary: "encoder pre-training steps/s at the default scale (batch 16 × 4 frames × 64²); vs a full-clip encoder forward"
    ) { repeats in
        try PretrainConfig.Objective.allCases.map { objective in
            var config = PretrainConfig()
            config.objective = objective
            var task = try MaskDenoising(config: config, source: NoiseClips(config: config))
            var step = 0
            let seconds = try Bench.medianSeconds(repeats: repeats) {
                for _ in 0..<4 {
                    _ = try task.step(step)
                    step += 1
                }
            }
            let clips = try NoiseClips(config: config).clips(at: 0)
            let forward = Bench.medianSeconds(repeats: repeats) { _ = task.encoder(clips) }
            return BenchFigure(
                benchmark: "pretrain", name: "\(objective == .representation ? "vjepa" : "mae") training", value: 4 / seconds,
                unit: "steps/s", reference: .init(name: "encoder forward, same batch", value: 1 / forward, unit: "batches/s"))
        }
    }
}

/// Uniform noise clips of the shape a pre-training run expects: the cost of a step does not depend on the pixels.
private struct NoiseClips: ClipSource {
    let config: PretrainConfig

    func clips(at step: Int) throws -> Tensor {
        var generator = SeededGenerator(seed: UInt64(step))
        return .randomUniform([config.batchSize, config.clipFrames, config.vit.imageSize, config.vit.imageSize, 3], in: 0...1,
                              using: &generator)
    }
}
