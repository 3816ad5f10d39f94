import Foundation
import Harness
import NN
import Sim
import Tensor

/// Behaviour cloning of the Octo-style policy as a `TrainingTask`: the mean squared error (or L1) between the predicted and the recorded
/// (normalised) action chunks of hindsight-relabelled, augmented examples (the diffusion head: its noise-prediction loss), AdamW with a warm-up–cosine learning rate
/// and global gradient clipping. Step `s` draws its batch from a generator seeded by `(seed, s)`, so a resumed run
/// sees the same batches as an uninterrupted one. Every saved state also exports the policy to `exportURL`.
public struct OctoTraining: TrainingTask {
    /// The chunk loss: `l1` regresses to the conditional median (which is "stay" whenever a move is less likely
    /// than not), `mse` to the conditional mean (a step towards the goal).
    public enum Loss: String, CaseIterable, Sendable {
        case l1, mse
    }

    public struct Options: Sendable {
        public var steps: Int
        public var loss = Loss.mse
        public var batchSize = 32
        public var learningRate: Float = 3e-4
        public var weightDecay: Float = 0.1
        public var clipNorm: Float = 1
        public var seed: UInt64 = 0

        public init(steps: Int) { self.steps = steps }
    }

    public private(set) var model: OctoModel
    public private(set) var optimizer: AdamW
    public let examples: OctoExamples
    public let options: Options
    public let exportURL: URL?
    let schedule: CosineSchedule

    public init(model: OctoModel, examples: OctoExamples, options: Options, exportURL: URL?) throws {
        guard model.config == examples.config else { throw OctoError.invalid("the examples are cut for another policy shape") }
        guard options.steps >= 1, options.batchSize >= 1, options.learningRate > 0 else {
            throw OctoError.invalid("steps and batch must be ≥ 1 and the learning rate positive")
        }
        self.model = model
        self.examples = examples
        self.options = options
        self.exportURL = exportURL
        optimizer = AdamW(learningRate: options.learningRate, weightDecay: options.weightDecay)
        let warmup = min(max(1, options.steps / 20), 500)
        schedule = CosineSchedule(start: 0, peak: options.learningRate, final: options.learningRate / 20, warmupSteps: warmup,
                                  totalSteps: max(options.steps, warmup + 1))
    }

    public mutating func step(_ step: Int) throws -> StepMetrics {
        var generator = SeededGenerator(seed: SeededRandom.derive(options.seed, UInt64(step)))
        let batch = examples.batch(size: options.batchSize, using: &generator)
        let l1 = options.loss == .l1
        let (loss, gradients) = model.valueWithGradient { model in
            model.loss(pixels: batch.pixels, states: batch.states, targets: batch.targets, l1: l1, using: &generator)
        }
        var clipped = gradients
        let norm = GradientClipping.clipByGlobalNorm(&clipped, maxNorm: options.clipNorm)
        let rate = schedule(step)
        if loss.isFinite { optimizer.update(&model, gradients: clipped, learningRate: rate) }
        return StepMetrics(loss: Double(loss), extras: [.init("lr", Double(rate)), .init("grad_norm", Double(norm))])
    }

    public func save(to folder: URL) throws {
        try OctoFile.save(model, normalization: examples.normalization, step: optimizer.step,
                          to: folder.appendingPathComponent("model.safetensors"))
        try optimizer.saveState(to: folder.appendingPathComponent("optimizer.safetensors"))
        if let exportURL {
            try OctoFile.save(model, normalization: examples.normalization, step: optimizer.step, to: exportURL)
        }
    }

    public mutating func load(from folder: URL) throws {
        let saved = try OctoFile.load(from: folder.appendingPathComponent("model.safetensors"))
        guard saved.model.config == model.config else {
            throw OctoError.invalid("\(folder.path) holds a policy of another shape (\(saved.model.config)); use another output folder")
        }
        model = saved.model
        try optimizer.loadState(from: folder.appendingPathComponent("optimizer.safetensors"))
    }
}
