import NN

/// The trained part of mask-denoising: the context encoder (`encoder.*`) and the predictor (`predictor.*`).
public struct MaskDenoisingModel: Module, Sendable {
    public var encoder: VisionTransformer
    public var predictor: MaskedPredictor
    public let objective: PretrainConfig.Objective

    public init(config: PretrainConfig) {
        objective = config.objective
        encoder = VisionTransformer(config: config.vit, seed: config.seed)
        var generator = SeededGenerator(seed: config.seed &+ 0x5EED)
        let outputs = config.objective == .representation ? config.vit.width : config.vit.tubeletPixels
        predictor = MaskedPredictor(inputs: config.vit.width, width: config.vit.predictorWidth, depth: config.vit.predictorDepth,
                                    heads: config.vit.predictorHeads, outputs: outputs, using: &generator)
    }

    /// The loss averaged over the mask sets: for each, the encoder sees the context tokens, the predictor predicts
    /// the target tokens, compared with `targets` `[B, N, C]` (detached here, so no gradient ever reaches them) by
    /// L1 in representation space (V-JEPA) or squared error in pixel space (as the masked autoencoder does).
    public func loss(_ clips: Tensor, targets: Tensor, masks: [MaskSet]) -> Tensor {
        let targets = targets.detached
        let losses = masks.map { mask -> Tensor in
            let context = encoder(clips, keep: mask.context)
            let prediction = predictor(context, grid: mask.grid, contextTokens: mask.context, targetTokens: mask.target)
            let wanted = targets.gather(tokens: mask.target)
            return objective == .representation ? Tensor.l1Loss(prediction, wanted) : Tensor.mseLoss(prediction, wanted)
        }
        return losses.dropFirst().reduce(losses[0], +) * (1 / Float(losses.count))
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try encoder.visitParameters(prefix: parameterName(prefix, "encoder"), body)
        try predictor.visitParameters(prefix: parameterName(prefix, "predictor"), body)
    }
}
