import Data
import Foundation
import Harness
import NN
import Tensor

/// Post-training of `predictor/ac` on a latent cache: AdamW, warmup–constant–decay learning rate, global gradient
/// clipping, periodic atomic checkpoints, resume from the last checkpoint, and a stop on a non-finite loss.
///
/// The checkpoint at `out` holds the parameters, the configuration and the step; the optimizer's moments live
/// beside it in `out.optimizer`. The optimizer state is written first, so a run killed between the two writes is
/// detected on resume (the steps differ) rather than silently mixing states.
public struct ACTraining {
    public struct Options: Sendable {
        public var steps: Int
        public var batchSize = 16
        public var clipLength = 8
        public var rolloutSteps = 2
        public var learningRate: Float = 5e-4
        public var weightDecay: Float = 0.04
        public var clipNorm: Float = 1
        public var checkpointEvery = 200
        public var logEvery = 50
        public var seed: UInt64 = 0

        public init(steps: Int) { self.steps = steps }
    }

    /// One logged point of the run.
    public struct Record: Sendable {
        public let step: Int
        public let loss: Float
        public let teacherForcing: Float
        public let rollout: Float
    }

    public let options: Options
    public let out: URL

    public init(options: Options, out: URL) throws {
        guard options.steps >= 1, options.checkpointEvery >= 1, options.logEvery >= 1 else {
            throw PosttrainingError.invalid("steps, checkpoint interval and log interval must be ≥ 1")
        }
        self.options = options
        self.out = out
    }

    public var optimizerURL: URL { out.appendingPathExtension("optimizer") }

    /// Trains `predictor` (replaced by the checkpoint's state when resuming) and returns the logged records.
    /// `log` receives a line every `logEvery` steps and at checkpoints.
    public func run(_ predictor: inout ACPredictor, cache: LatentCache, progress: ProgressMeter? = nil,
                    log: (String) -> Void = { _ in }) throws -> [Record] {
        let o = options
        var optimizer = AdamW(learningRate: o.learningRate, weightDecay: o.weightDecay)
        var first = 0
        if FileManager.default.fileExists(atPath: out.path) {
            first = try resume(&predictor, &optimizer)
            log("resuming \(out.path) at step \(first)")
        }
        guard cache.tokensPerFrame == predictor.config.encoderTokens, cache.latentWidth == predictor.config.latentWidth else {
            throw PosttrainingError.invalid("the latent cache has \(cache.tokensPerFrame) tokens of width \(cache.latentWidth); "
                                        + "the predictor expects \(predictor.config.encoderTokens) of \(predictor.config.latentWidth)")
        }
        var sampler = try LatentClipSampler(cache: cache, clipLength: o.clipLength, batchSize: o.batchSize,
                                            seed: o.seed &+ UInt64(first) &* 0x9E37_79B9)
        let warmup = max(1, o.steps / 20), decay = max(1, o.steps / 5)
        let schedule = WarmupConstantDecay(start: o.learningRate / 10, peak: o.learningRate, final: o.learningRate / 10,
                                           warmupSteps: warmup, constantSteps: max(0, o.steps - warmup - decay), decaySteps: decay)
        var records: [Record] = []
        progress?.start(total: max(0, o.steps - first))
        var step = first
        while step < o.steps {
            let batch = sampler.next()
            for (name, tensor) in [("latents", batch.latents), ("states", batch.states), ("actions", batch.actions)]
            where !tensor.scalars.allSatisfy(\.isFinite) {
                throw PosttrainingError.nonFinite(step: step, what: "the batch's \(name) hold a NaN or infinity")
            }
            let z = predictor.targets(batch.latents)
            var parts = (tf: Float(0), ar: Float(0))
            let (loss, gradients) = predictor.valueWithGradient { model in
                let l = model.loss(latents: z, states: batch.states, actions: batch.actions, rolloutSteps: o.rolloutSteps)
                parts = (l.teacherForcing.scalar, l.rollout.scalar)
                return l.total
            }
            guard loss.isFinite else { throw PosttrainingError.nonFinite(step: step, what: "the loss became \(loss)") }
            var clipped = gradients
            GradientClipping.clipByGlobalNorm(&clipped, maxNorm: o.clipNorm)
            optimizer.update(&predictor, gradients: clipped, learningRate: schedule(step))
            step += 1
            progress?.advance()
            if step % o.logEvery == 0 || step == o.steps {
                records.append(Record(step: step, loss: loss, teacherForcing: parts.tf, rollout: parts.ar))
                log(String(format: "step %d  loss %.4f  (teacher forcing %.4f, rollout %.4f)  lr %.2e",
                           step, loss, parts.tf, parts.ar, schedule(step - 1)))
            }
            if step % o.checkpointEvery == 0 || step == o.steps {
                try save(predictor, optimizer, step: step)
            }
        }
        return records
    }

    private func save(_ predictor: ACPredictor, _ optimizer: AdamW, step: Int) throws {
        try optimizer.saveState(to: optimizerURL)
        try ACPredictorFile.save(predictor, step: step, to: out)
    }

    private func resume(_ predictor: inout ACPredictor, _ optimizer: inout AdamW) throws -> Int {
        let (saved, step) = try ACPredictorFile.load(from: out)
        guard saved.config == predictor.config else {
            throw PosttrainingError.resumeMismatch("\(out.path) holds a predictor of another shape (\(saved.config)); "
                                               + "use another --out or delete it")
        }
        guard FileManager.default.fileExists(atPath: optimizerURL.path) else {
            throw PosttrainingError.resumeMismatch("\(out.path) exists but \(optimizerURL.path) does not; cannot resume")
        }
        try optimizer.loadState(from: optimizerURL)
        guard optimizer.step == step else {
            throw PosttrainingError.resumeMismatch("\(out.path) is at step \(step) but \(optimizerURL.path) at step "
                                               + "\(optimizer.step) (interrupted while saving); delete both to restart")
        }
        predictor = saved
        return step
    }
}
