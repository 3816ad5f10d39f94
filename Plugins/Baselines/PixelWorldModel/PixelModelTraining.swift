import Harness

/// Training of `predictor/pixels`: V-JEPA 2-AC's recipe (`PredictionTraining`) in pixel space, on clips of a dataset
/// held in memory (`PixelClips`), each frame encoded alone by `encoder/pixels`.
public typealias PixelModelTraining = PredictionTraining<PixelWorldModel>

extension PixelWorldModel: TrainablePredictor {
    public static let kind = "predictor/pixels"
    /// Squared error (the L2 objective generative video models train with) instead of V-JEPA 2-AC's L1: on pixel
    /// residuals that are zero almost everywhere, L1's sign gradients from the static pixels drown the few moving ones
    /// and the model stays at "nothing moves"; the squared error weights each pixel by its error.
    public static let trainsWithSquaredError = true
}

extension PixelWorldModelConfig: PredictorShape {}

extension PredictionTraining where Model == PixelWorldModel {
    /// Training of `model` on `clips`, encoded frame by frame with `encoder` (whose tokens must be raw pixel patches).
    public init(model: PixelWorldModel, encoder: any Encoder, clips: PixelClips, options: Options) throws {
        guard clips.imageSize == encoder.imageSize, encoder.imageSize == model.config.imageSize else {
            throw TrainingError.invalid("the dataset's frames are \(clips.imageSize) pixels, the encoder takes \(encoder.imageSize) "
                                        + "and the model \(model.config.imageSize); generate the data at the model's size")
        }
        let (size, length, seed) = (options.batchSize, options.clipLength, options.seed)
        try self.init(model: model, options: options) { step in
            let batch = clips.batch(step: step, size: size, length: length, seed: seed)
            let latents = encoder.encodeFrames(batch.frames)
            return (latents.reshaped([size, length] + Array(latents.shape.dropFirst())), batch.states, batch.actions)
        }
    }
}
