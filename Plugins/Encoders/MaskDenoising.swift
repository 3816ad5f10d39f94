import Foundation
import Harness
import NN

/// Mask-denoising pre-training as a `TrainingTask`: V-JEPA (targets from an EMA target encoder, in representation
/// space) or its pixel-space twin (a masked autoencoder with the same masks, encoder and predictor).
///
/// Per step: multiblock masks drawn from `(seed, step)`; targets computed without gradient (layer-normed target
/// encoder features, or tubelet pixels normalised per tubelet); L1 loss on the target tokens averaged over the mask
/// sets; global-norm clipping; AdamW at the warmup–constant–decay rate; then the EMA update of the target encoder.
public struct MaskDenoising: TrainingTask {
    public let config: PretrainConfig
    public private(set) var model: MaskDenoisingModel
    /// The EMA target encoder (representation objective only).
    public private(set) var target: VisionTransformer?
    public private(set) var optimizer: AdamW
    public let schedule: WarmupConstantDecay
    public let ema: EMA
    private var source: ClipSource
    /// Where each save also writes the usable encoder (`Checkpoint` format), if anywhere.
    public var exportURL: URL?

    public init(config: PretrainConfig, source: ClipSource, exportURL: URL? = nil) throws {
        try config.validate()
        self.config = config
        model = MaskDenoisingModel(config: config)
        target = config.objective == .representation ? model.encoder : nil
        optimizer = AdamW(learningRate: Float(config.learningRate), beta1: 0.9, beta2: 0.999, weightDecay: Float(config.weightDecay))
        schedule = WarmupConstantDecay(start: Float(config.learningRate) * 0.01, peak: Float(config.learningRate),
                                       final: Float(config.finalLearningRate), warmupSteps: config.warmupSteps,
                                       constantSteps: config.steps - config.warmupSteps - config.decaySteps,
                                       decaySteps: config.decaySteps)
        ema = EMA(start: Float(config.emaStart), end: Float(config.emaEnd), steps: config.steps)
        self.source = source
        self.exportURL = exportURL
    }

    /// The encoder a downstream user gets: the EMA target for V-JEPA (as in the paper), the trained encoder for pixels.
    public var encoder: VisionTransformer { target ?? model.encoder }

    /// The masks of step `step` for a batch of `batch` clips on `grid`.
    public func masks(step: Int, batch: Int, grid: TokenGrid) -> [MaskSet] {
        var generator = SeededGenerator(seed: StepSeed.mix(config.seed, step))
        return config.masks.map { $0.sample(batch: batch, grid: grid, using: &generator) }
    }

    /// The regression targets `[B, N, C]` of `clips`, normalised per token; computed without recording a graph.
    public func targets(_ clips: Tensor) -> Tensor {
        if let target {
            return Tensor.layerNorm(target(clips.detached), epsilon: 1e-6)
        }
        return Tensor.layerNorm(VideoOps.tubelets(clips.detached, tubelet: config.vit.tubelet, patch: config.vit.patch), epsilon: 1e-6)
    }

    public mutating func step(_ step: Int) throws -> StepMetrics {
        var clips = try source.clips(at: step)
        guard clips.rank == 5, clips.shape[1] == config.clipFrames, clips.shape[2] == config.vit.imageSize,
              clips.shape[3] == config.vit.imageSize, clips.shape[4] == 3 else {
            throw EncoderError.badInput("step \(step): clips of shape \(clips.shape), the run expects "
                + "[B, \(config.clipFrames), \(config.vit.imageSize), \(config.vit.imageSize), 3]")
        }
        if config.progressive && step < config.decayStart { clips = VideoOps.halved(clips) }
        let grid = config.vit.grid(frames: clips.shape[1], size: clips.shape[2])
        let masks = masks(step: step, batch: clips.shape[0], grid: grid)
        let targets = targets(clips)
        let (loss, gradients) = model.valueWithGradient { $0.loss(clips, targets: targets, masks: masks) }
        let targetStd = VideoOps.meanFeatureStd(targets)
        guard loss.isFinite else { return StepMetrics(loss: Double(loss), extras: [.init("target_std", targetStd)]) }
        var clipped = gradients
        let norm = GradientClipping.clipByGlobalNorm(&clipped, maxNorm: Float(config.gradientClip))
        let rate = schedule(step)
        optimizer.update(&model, gradients: clipped, learningRate: rate)
        if var t = target {
            ema.update(teacher: &t, student: model.encoder, step: step)
            target = t
        }
        return StepMetrics(loss: Double(loss), extras: [
            .init("lr", Double(rate)), .init("target_std", targetStd), .init("grad_norm", Double(norm)),
            .init("momentum", Double(ema.momentum(at: step))),
        ])
    }

    public func save(to folder: URL) throws {
        var tensors = model.parameters
        if let target { for (name, t) in target.parameters { tensors["target." + name] = t } }
        let json = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        try Safetensors.write(tensors, metadata: ["config": json, "step": String(optimizer.step)],
                              to: folder.appendingPathComponent("model.safetensors"))
        try optimizer.saveState(to: folder.appendingPathComponent("optimizer.safetensors"))
        if let exportURL { try exportEncoder(to: exportURL) }
    }

    public mutating func load(from folder: URL) throws {
        let url = folder.appendingPathComponent("model.safetensors")
        let (tensors, metadata) = try Safetensors.read(from: url)
        guard let json = metadata["config"], let saved = try? JSONDecoder().decode(PretrainConfig.self, from: Data(json.utf8)),
              saved == config else {
            throw EncoderError.checkpoint(path: url.path, reason: "was written by a run with other settings; "
                + "use another --out or the same options")
        }
        do {
            try model.load(tensors, allowingExtra: true)
            if var t = target {
                try t.load(Dictionary(uniqueKeysWithValues: tensors.compactMap { key, value in
                    key.hasPrefix("target.") ? (String(key.dropFirst(7)), value) : nil
                }))
                target = t
            }
        } catch let error as ModuleError {
            throw EncoderError.checkpoint(path: url.path, reason: error.description)
        }
        try optimizer.loadState(from: folder.appendingPathComponent("optimizer.safetensors"))
    }

    /// Writes the downstream encoder with its `EncoderCheckpoint` description.
    public func exportEncoder(to url: URL) throws {
        try Checkpoint.save(encoder, config: EncoderCheckpoint(vit: config.vit, objective: config.objective,
                                                               steps: optimizer.step, seed: config.seed), to: url)
    }
}

/// What an exported encoder checkpoint holds besides its weights.
public struct EncoderCheckpoint: Codable, Equatable, Sendable {
    public var vit: ViTConfig
    public var objective: PretrainConfig.Objective
    public var steps: Int
    public var seed: UInt64
}
