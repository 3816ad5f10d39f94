import Foundation
import Harness
import NN
import Tensor

/// Training of `predictor/pixels` as a `TrainingTask`: V-JEPA 2-AC's post-training recipe (8-frame clips,
/// teacher-forcing plus 2-step rollout loss, AdamW, warmup–constant–decay learning rate, global gradient clipping)
/// in pixel space, with a squared-error distance by default (`Options.squaredError`). Step `s` trains on
/// `PixelClips.batch(step: s, …)`, so a resumed run is the same run.
///
/// Logged per step: the loss, its two parts, `copy` (the same distance for predicting that nothing moves, the bar
/// the teacher-forcing part has to clear) and the learning rate.
public struct PixelModelTraining: TrainingTask {
    public struct Options: Sendable {
        public var steps: Int
        public var batchSize = 16
        public var clipLength = 8
        public var rolloutSteps = 2
        public var learningRate: Float = 5e-4
        public var weightDecay: Float = 0.04
        public var clipNorm: Float = 1
        public var seed: UInt64 = 0
        /// Squared error (the L2 objective generative video models train with) instead of V-JEPA 2-AC's L1. On
        /// pixel residuals that are zero almost everywhere, L1's sign gradients from the static pixels drown the few
        /// moving ones and the model stays at "nothing moves"; the squared error weights each pixel by its error.
        public var squaredError = true

        public init(steps: Int) { self.steps = steps }
    }

    public private(set) var model: PixelWorldModel
    public let encoder: any Encoder
    public let clips: PixelClips
    public let options: Options
    private var optimizer: AdamW
    private let schedule: WarmupConstantDecay

    public init(model: PixelWorldModel, encoder: any Encoder, clips: PixelClips, options: Options) throws {
        guard options.steps >= 1, options.batchSize >= 1, options.clipLength > options.rolloutSteps, options.rolloutSteps >= 1 else {
            throw TrainingError.invalid("predictor/pixels training needs steps ≥ 1, batch ≥ 1 and clips longer than the "
                                        + "\(options.rolloutSteps) rollout steps (≥ 1); got \(options.steps), \(options.batchSize), \(options.clipLength)")
        }
        guard clips.imageSize == encoder.imageSize, encoder.imageSize == model.config.imageSize else {
            throw TrainingError.invalid("the dataset's frames are \(clips.imageSize) pixels, the encoder takes \(encoder.imageSize) "
                                        + "and the model \(model.config.imageSize); generate the data at the model's size")
        }
        (self.model, self.encoder, self.clips, self.options) = (model, encoder, clips, options)
        optimizer = AdamW(learningRate: options.learningRate, weightDecay: options.weightDecay)
        let (steps, peak) = (options.steps, options.learningRate)
        let warmup = max(1, steps / 20), decay = max(1, steps / 5)
        schedule = WarmupConstantDecay(start: peak / 10, peak: peak, final: peak / 10, warmupSteps: warmup,
                                       constantSteps: max(0, steps - warmup - decay), decaySteps: decay)
    }

    public mutating func step(_ step: Int) throws -> StepMetrics {
        let o = options
        let batch = clips.batch(step: step, size: o.batchSize, length: o.clipLength, seed: o.seed)
        let latents = encoder.encodeFrames(batch.frames)
        let frames = model.targets(latents.reshaped([o.batchSize, o.clipLength] + Array(latents.shape.dropFirst())))
        let distance: (Tensor, Tensor) -> Tensor = o.squaredError ? Tensor.mseLoss : Tensor.l1Loss
        var parts = (tf: Float(0), ar: Float(0))
        let (loss, gradients) = model.valueWithGradient { m in
            let l = m.loss(latents: frames, states: batch.states, actions: batch.actions, rolloutSteps: o.rolloutSteps,
                           distance: distance)
            parts = (l.teacherForcing.scalar, l.rollout.scalar)
            return l.total
        }
        let copy = distance(frames.slice(alongAxis: 1, 0..<(o.clipLength - 1)), frames.slice(alongAxis: 1, 1..<o.clipLength))
        let rate = schedule(step)
        if loss.isFinite {
            var clipped = gradients
            GradientClipping.clipByGlobalNorm(&clipped, maxNorm: o.clipNorm)
            optimizer.update(&model, gradients: clipped, learningRate: rate)
        }
        return StepMetrics(loss: Double(loss), extras: [.init("teacher_forcing", Double(parts.tf)), .init("rollout", Double(parts.ar)),
                                                        .init("copy", Double(copy.scalar)), .init("lr", Double(rate))])
    }

    public func save(to folder: URL) throws {
        try optimizer.saveState(to: folder.appendingPathComponent("optimizer.safetensors"))
        try PixelWorldModelFile.save(model, step: optimizer.step, to: folder.appendingPathComponent("model.safetensors"))
    }

    public mutating func load(from folder: URL) throws {
        let url = folder.appendingPathComponent("model.safetensors")
        let (saved, step) = try PixelWorldModelFile.load(from: url)
        guard saved.config == model.config else {
            throw TrainingError.invalid("\(url.path) holds a model of another shape (\(saved.config)); use another output or delete it")
        }
        try optimizer.loadState(from: folder.appendingPathComponent("optimizer.safetensors"))
        guard optimizer.step == step else {
            throw TrainingError.invalid("\(folder.path): the model is at step \(step) but the optimizer at \(optimizer.step)")
        }
        model = saved
    }
}
