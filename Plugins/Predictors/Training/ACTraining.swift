import Foundation
import Harness
import NN
import Tensor

/// Post-training of `predictor/ac` on a latent cache as a `TrainingTask` (driven by `TrainingLoop`): 8-frame clips,
/// teacher-forcing plus 2-step rollout L1, AdamW, warmup–constant–decay learning rate and global gradient clipping.
/// Step `s` trains on `LatentClipSampler.batch(step: s)`, so a resumed run is the same run.
///
/// Logged per step: the loss, its two parts and the learning rate. A batch holding a NaN or infinity is an error
/// naming the step.
public struct ACTraining: TrainingTask {
    public struct Options: Sendable {
        public var steps: Int
        public var batchSize = 16
        public var clipLength = 8
        public var rolloutSteps = 2
        public var learningRate: Float = 5e-4
        public var weightDecay: Float = 0.04
        public var clipNorm: Float = 1
        public var seed: UInt64 = 0

        public init(steps: Int) { self.steps = steps }
    }

    public private(set) var predictor: ACPredictor
    public let sampler: LatentClipSampler
    public let options: Options
    private var optimizer: AdamW
    private let schedule: WarmupConstantDecay

    public init(predictor: ACPredictor, cache: LatentCache, options: Options) throws {
        guard options.steps >= 1, options.clipLength > options.rolloutSteps, options.rolloutSteps >= 1 else {
            throw PosttrainingError.invalid("post-training needs steps ≥ 1 and clips longer than the \(options.rolloutSteps) "
                                            + "rollout steps (≥ 1); got \(options.steps) steps of \(options.clipLength)-step clips")
        }
        guard cache.tokensPerFrame == predictor.config.encoderTokens, cache.latentWidth == predictor.config.latentWidth else {
            throw PosttrainingError.invalid("the latent cache has \(cache.tokensPerFrame) tokens of width \(cache.latentWidth); "
                                            + "the predictor expects \(predictor.config.encoderTokens) of \(predictor.config.latentWidth)")
        }
        self.predictor = predictor
        self.options = options
        sampler = try LatentClipSampler(cache: cache, clipLength: options.clipLength, batchSize: options.batchSize, seed: options.seed)
        optimizer = AdamW(learningRate: options.learningRate, weightDecay: options.weightDecay)
        let (steps, peak) = (options.steps, options.learningRate)
        let warmup = max(1, steps / 20), decay = max(1, steps / 5)
        schedule = WarmupConstantDecay(start: peak / 10, peak: peak, final: peak / 10, warmupSteps: warmup,
                                       constantSteps: max(0, steps - warmup - decay), decaySteps: decay)
    }

    public mutating func step(_ step: Int) throws -> StepMetrics {
        let batch = sampler.batch(step: step)
        for (name, tensor) in [("latents", batch.latents), ("states", batch.states), ("actions", batch.actions)]
        where !tensor.scalars.allSatisfy(\.isFinite) {
            throw PosttrainingError.nonFinite(step: step, what: "the batch's \(name) hold a NaN or infinity")
        }
        let z = predictor.targets(batch.latents)
        let rolloutSteps = options.rolloutSteps
        var parts = (tf: Float(0), ar: Float(0))
        let (loss, gradients) = predictor.valueWithGradient { model in
            let l = model.loss(latents: z, states: batch.states, actions: batch.actions, rolloutSteps: rolloutSteps)
            parts = (l.teacherForcing.scalar, l.rollout.scalar)
            return l.total
        }
        let rate = schedule(step)
        if loss.isFinite {
            var clipped = gradients
            GradientClipping.clipByGlobalNorm(&clipped, maxNorm: options.clipNorm)
            optimizer.update(&predictor, gradients: clipped, learningRate: rate)
        }
        return StepMetrics(loss: Double(loss), extras: [.init("teacher_forcing", Double(parts.tf)), .init("rollout", Double(parts.ar)),
                                                        .init("lr", Double(rate))])
    }

    public func save(to folder: URL) throws {
        try optimizer.saveState(to: folder.appendingPathComponent("optimizer.safetensors"))
        try ACPredictorFile.save(predictor, step: optimizer.step, to: folder.appendingPathComponent("predictor.safetensors"))
    }

    public mutating func load(from folder: URL) throws {
        let url = folder.appendingPathComponent("predictor.safetensors")
        let (saved, step) = try ACPredictorFile.load(from: url)
        guard saved.config == predictor.config else {
            throw PosttrainingError.resumeMismatch("\(url.path) holds a predictor of another shape (\(saved.config)); "
                                                   + "use another output or delete it")
        }
        try optimizer.loadState(from: folder.appendingPathComponent("optimizer.safetensors"))
        guard optimizer.step == step else {
            throw PosttrainingError.resumeMismatch("\(folder.path): the predictor is at step \(step) but the optimizer at \(optimizer.step)")
        }
        predictor = saved
    }
}
