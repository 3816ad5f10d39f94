import Data
import Foundation
import Harness

/// Mask-denoising pre-training of a ViT encoder on a dataset, as `jepalab pretrain` and the scenario `pretrain` stage
/// run it: clips from the dataset, `MaskDenoising` driven by a resumable `TrainingLoop`, the encoder exported to `out`.
public struct Pretraining {
    /// The run's configuration; its image size is set from the dataset.
    public var config: PretrainConfig

    public init(config: PretrainConfig) {
        self.config = config
    }

    /// Trains on `dataset`: the encoder goes to `out`, resumable states to `checkpoints`, the loss curve to
    /// `curve`.csv and `curve`.svg. Resumes from the newest state in `checkpoints`.
    public func run(dataset: Dataset, out: URL, checkpoints: URL, curve: URL, checkpointInterval: TimeInterval,
                    progress: TrainingProgress) throws -> TrainingLoop.Summary {
        var config = self.config
        config.vit.imageSize = dataset.manifest.config.size
        try config.validate()
        let source = DatasetClips(dataset: dataset, clipFrames: config.clipFrames, batchSize: config.batchSize, seed: config.seed)
        var task = try MaskDenoising(config: config, source: source, exportURL: out)
        progress.note("pretrain \(config.objective == .representation ? "vjepa" : "mae"): \(dataset.entries.count) episodes, ViT width \(config.vit.width) "
            + "depth \(config.vit.depth), \(task.model.encoder.parameterCount) encoder + \(task.model.predictor.parameterCount) predictor parameters")
        let loop = TrainingLoop(steps: config.steps, checkpoints: CheckpointFolder(directory: checkpoints), curve: curve,
                                checkpointInterval: checkpointInterval, progress: progress)
        return try loop.run(&task)
    }

    /// Compares the final across-clip spread of the target features with the run's first step: a collapse is a fall
    /// below `collapseThreshold` of it (scenes that differ little give small spreads from the start). Nil when the
    /// curve has no `target_std`.
    public func collapseReport(curve: URL, final: Double?) throws -> String? {
        let log = try LossCurve(csv: curve, before: .max)
        guard let final, let column = log.columns.firstIndex(of: "target_std"), let first = log.rows.first?.values[column + 1] else { return nil }
        let ratio = final / max(first, 1e-12)
        return String(format: "target features' across-clip std: %.4f at step 1, %.4f at the end (%.2f×)", first, final, ratio)
            + (ratio < config.collapseThreshold ? " — COLLAPSE (below \(config.collapseThreshold)× the start)" : " — no collapse")
    }
}
