import Data
import Foundation
import Harness

/// Post-training of `predictor/ac` from a dataset and a frozen encoder, as `jepalab posttrain` and the scenario
/// `posttrain` stage run it: encode the dataset once into a latent cache (reused when present), build the predictor
/// from its parameters, train it with `ACTraining` through `TrainingLoop` (resuming from the newest state in
/// `checkpoints`), and write the final predictor to `out`.
public struct ACPosttraining {
    public var encoder: any Encoder
    /// The encoder's identity for the latent cache key (its reference and the hashes of its files).
    public var encoderIdentity: String
    /// `predictor/ac`'s resolved parameters (pool, width, depth, heads, seed).
    public var predictor: Parameters
    public var options: ACTraining.Options

    public init(encoder: any Encoder, encoderIdentity: String, predictor: Parameters, options: ACTraining.Options) throws {
        guard predictor.componentID == "predictor/ac" else {
            throw TrainingError.invalid("post-training trains predictor/ac; got \(predictor.componentID)")
        }
        self.encoder = encoder
        self.encoderIdentity = encoderIdentity
        self.predictor = predictor
        self.options = options
    }

    /// Trains and writes the predictor to `out`; returns it with the loop's summary. The latent cache lives in
    /// `latents`, the curve goes to `curve` (`.csv`, `.svg`), a resumable state to `checkpoints` every
    /// `checkpointInterval` seconds.
    public func run(dataset: Dataset, latents folder: URL, out: URL, checkpoints: CheckpointFolder, curve: URL,
                    checkpointInterval: TimeInterval = 180, progress: TrainingProgress,
                    meter: ProgressMeter? = nil) throws -> (model: ACPredictor, summary: TrainingLoop.Summary) {
        let (latents, reused) = try LatentCache.loadOrBuild(
            dataset: dataset, encoder: encoder, encoderIdentity: encoderIdentity, directory: folder, progress: meter)
        progress.note("latent cache \(reused ? "reused" : "written"): \(LatentCache.url(key: latents.key, in: folder).path) "
                      + "(\(latents.episodes.count) episodes, \(latents.tokensPerFrame) tokens × \(latents.latentWidth))")
        let p = predictor
        let config = try ACPredictorConfig(
            encoderTokens: encoder.tokensPerFrame, latentWidth: encoder.latentWidth, pool: p.int("pool"),
            width: p.int("width"), depth: p.int("depth"), heads: p.int("heads"), residual: p.bool("residual"))
        var task = try ACTraining(predictor: ACPredictor(config: config, seed: UInt64(p.int("seed"))), cache: latents, options: options)
        let loop = TrainingLoop(steps: options.steps, checkpoints: checkpoints, curve: curve, checkpointInterval: checkpointInterval,
                                progress: progress)
        let summary = try loop.run(&task)
        try PredictorFile.save(task.model, step: options.steps, to: out)
        return (task.model, summary)
    }
}
