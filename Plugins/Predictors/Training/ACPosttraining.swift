import Data
import Foundation
import Harness

/// Post-training of `predictor/ac` from a dataset and a frozen encoder, as `jepalab posttrain` and the scenario
/// `posttrain` stage run it: encode the dataset once into a latent cache (reused when present), build the predictor
/// from its parameters, then train it with `ACTraining` (resuming from `out` when it exists).
public struct ACPosttraining {
    public var encoder: any Encoder
    /// The encoder's identity for the latent cache key (its reference and the hashes of its files).
    public var encoderIdentity: String
    /// `predictor/ac`'s resolved parameters (pool, width, depth, heads, seed).
    public var predictor: Parameters
    public var options: ACTraining.Options

    public init(encoder: any Encoder, encoderIdentity: String, predictor: Parameters, options: ACTraining.Options) throws {
        guard predictor.componentID == "predictor/ac" else {
            throw PosttrainingError.invalid("post-training trains predictor/ac; got \(predictor.componentID)")
        }
        self.encoder = encoder
        self.encoderIdentity = encoderIdentity
        self.predictor = predictor
        self.options = options
    }

    /// Trains on `dataset` with the latent cache in `latents`, writing the checkpoint to `out`; returns the model
    /// and the logged records of this run. `log` receives the cache and training lines.
    public func run(dataset: Dataset, latents folder: URL, out: URL, mode: ProgressMeter.Mode,
                    log: (String) -> Void) throws -> (model: ACPredictor, records: [ACTraining.Record]) {
        let meter = ProgressMeter(label: "encoding", mode: mode)
        let (latents, reused) = try LatentCache.loadOrBuild(
            dataset: dataset, encoder: encoder, encoderIdentity: encoderIdentity, directory: folder, progress: meter)
        log("latent cache \(reused ? "reused" : "written"): \(LatentCache.url(key: latents.key, in: folder).path) "
            + "(\(latents.episodes.count) episodes, \(latents.tokensPerFrame) tokens × \(latents.latentWidth))")
        let p = predictor
        let config = try ACPredictorConfig(
            encoderTokens: encoder.tokensPerFrame, latentWidth: encoder.latentWidth, pool: p.int("pool"),
            width: p.int("width"), depth: p.int("depth"), heads: p.int("heads"))
        var model = ACPredictor(config: config, seed: UInt64(p.int("seed")))
        let training = try ACTraining(options: options, out: out)
        let records = try training.run(&model, cache: latents, progress: ProgressMeter(label: "posttrain", mode: mode), log: log)
        return (model, records)
    }
}
