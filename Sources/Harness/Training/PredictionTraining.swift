import Foundation
import NN
import Tensor

/// V-JEPA 2-AC's post-training recipe for any `TrainablePredictor`, as a `TrainingTask`: clips of `clipLength` steps,
/// teacher-forcing plus `rolloutSteps`-step rollout loss (`Predictor.loss`), AdamW, warmup–constant–decay learning
/// rate and global gradient clipping. Step `s` trains on `clips(s)`, which must depend only on `s`, so a resumed run is
/// the same run.
///
/// Logged per step: the loss, its two parts, `copy` (the same error for predicting that nothing changes, the bar the
/// teacher-forcing part has to clear) and the learning rate. A batch holding a NaN or infinity is an error naming the
/// step.
public struct PredictionTraining<Model: TrainablePredictor>: TrainingTask {
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

        /// A scenario section's steps, seed and (when given) batch size and learning rate over the defaults.
        public init(_ section: TrainingSection) {
            steps = section.steps
            seed = section.seed
            if let batch = section.batch { batchSize = batch }
            if let rate = section.learningRate { learningRate = Float(rate) }
        }
    }

    /// One step's clips: encoder latents `[B, T, N, D]`, states and actions `[B, T, 7]`.
    public typealias Clips = (latents: Tensor, states: Tensor, actions: Tensor)

    public private(set) var model: Model
    public let options: Options
    private let clips: (Int) throws -> Clips
    private var optimizer: AdamW
    private let schedule: WarmupConstantDecay

    public init(model: Model, options: Options, clips: @escaping (Int) throws -> Clips) throws {
        guard options.steps >= 1, options.batchSize >= 1, options.clipLength > options.rolloutSteps, options.rolloutSteps >= 1 else {
            throw TrainingError.invalid("\(Model.kind) training needs steps ≥ 1, batch ≥ 1 and clips longer than the "
                                        + "\(options.rolloutSteps) rollout steps (≥ 1); got \(options.steps), \(options.batchSize), \(options.clipLength)")
        }
        (self.model, self.options, self.clips) = (model, options, clips)
        optimizer = AdamW(learningRate: options.learningRate, weightDecay: options.weightDecay)
        let (steps, peak) = (options.steps, options.learningRate)
        let warmup = max(1, steps / 20), decay = max(1, steps / 5)
        schedule = WarmupConstantDecay(start: peak / 10, peak: peak, final: peak / 10, warmupSteps: warmup,
                                       constantSteps: max(0, steps - warmup - decay), decaySteps: decay)
    }

    public mutating func step(_ step: Int) throws -> StepMetrics {
        let batch = try clips(step)
        for (name, tensor) in [("latents", batch.latents), ("states", batch.states), ("actions", batch.actions)]
        where !tensor.scalars.allSatisfy(\.isFinite) {
            throw TrainingError.invalid("step \(step): the batch's \(name) hold a NaN or infinity; check the data")
        }
        let targets = model.targets(batch.latents)
        let distance: (Tensor, Tensor) -> Tensor = Model.trainsWithSquaredError ? Tensor.mseLoss : Tensor.l1Loss
        let rolloutSteps = options.rolloutSteps
        var parts = (tf: Float(0), ar: Float(0))
        let (loss, gradients) = model.valueWithGradient { m in
            let l = m.loss(latents: targets, states: batch.states, actions: batch.actions, rolloutSteps: rolloutSteps, distance: distance)
            parts = (l.teacherForcing.scalar, l.rollout.scalar)
            return l.total
        }
        let length = targets.shape[1]
        let copy = distance(targets.slice(alongAxis: 1, 0..<(length - 1)), targets.slice(alongAxis: 1, 1..<length))
        let rate = schedule(step)
        if loss.isFinite {
            var clipped = gradients
            GradientClipping.clipByGlobalNorm(&clipped, maxNorm: options.clipNorm)
            optimizer.update(&model, gradients: clipped, learningRate: rate)
        }
        return StepMetrics(loss: Double(loss), extras: [.init("teacher_forcing", Double(parts.tf)), .init("rollout", Double(parts.ar)),
                                                        .init("copy", Double(copy.scalar)), .init("lr", Double(rate))])
    }

    public func save(to folder: URL) throws {
        try optimizer.saveState(to: folder.appendingPathComponent("optimizer.safetensors"))
        try PredictorFile.save(model, step: optimizer.step, to: folder.appendingPathComponent("model.safetensors"))
    }

    public mutating func load(from folder: URL) throws {
        let url = folder.appendingPathComponent("model.safetensors")
        let (saved, step) = try PredictorFile<Model>.load(from: url)
        guard saved.config == model.config else {
            throw TrainingError.invalid("\(url.path) holds a \(Model.kind) of another shape (\(saved.config)); use another output or delete it")
        }
        try optimizer.loadState(from: folder.appendingPathComponent("optimizer.safetensors"))
        guard optimizer.step == step else {
            throw TrainingError.invalid("\(folder.path): the model is at step \(step) but the optimizer at \(optimizer.step)")
        }
        model = saved
    }
}
