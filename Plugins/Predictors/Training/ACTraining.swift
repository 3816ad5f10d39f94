import Harness

/// Post-training of `predictor/ac`: V-JEPA 2-AC's recipe (`PredictionTraining`) on clips of a latent cache.
public typealias ACTraining = PredictionTraining<ACPredictor>

extension ACPredictor: TrainablePredictor {
    public static let kind = "predictor/ac"
    public static let trainsWithSquaredError = false
}

extension ACPredictorConfig: PredictorShape {}

extension PredictionTraining where Model == ACPredictor {
    /// Training of `predictor` on clips drawn by a `LatentClipSampler` from `cache` with the options' clip length,
    /// batch size and seed.
    public init(predictor: ACPredictor, cache: LatentCache, options: Options) throws {
        guard cache.tokensPerFrame == predictor.config.encoderTokens, cache.latentWidth == predictor.config.latentWidth else {
            throw TrainingError.invalid("the latent cache has \(cache.tokensPerFrame) tokens of width \(cache.latentWidth); "
                                            + "the predictor expects \(predictor.config.encoderTokens) of \(predictor.config.latentWidth)")
        }
        let sampler = try LatentClipSampler(cache: cache, clipLength: options.clipLength, batchSize: options.batchSize, seed: options.seed)
        try self.init(model: predictor, options: options, clips: sampler.batch(step:))
    }
}
