import Harness
import NN
import Tensor

/// `predictor/pixels`: an action-conditioned next-frame model in pixel space, the stand-in for a generative video
/// model such as Cosmos.
///
/// Each frame is its full-resolution grid of raw pixel patches (64 tokens of 8 × 8 × 3 values at 64 × 64, no
/// pooling, no normalisation). A step is `[action_t, state_t, patches_t]` through the same block-causal
/// transformer body as V-JEPA 2-AC (`StepTransformer`); a linear patch decoder turns each patch token's output into
/// that patch's change, added to the current frame: `frame_{t+1} = frame_t + decoder(h_t)`. The target space is
/// the pixels themselves, so the planner's mean-L1 energy is the L1 distance between the predicted frame and the
/// goal image.
public struct PixelWorldModel: Module, Predictor, Sendable {
    public let config: PixelWorldModelConfig
    public var body: StepTransformer
    public var decoder: Linear

    /// A freshly initialised model (weights of deviation 0.02, as in V-JEPA; the decoder at zero, so an untrained
    /// model predicts that nothing moves and training starts from the copy baseline).
    public init(config: PixelWorldModelConfig, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        self.config = config
        body = StepTransformer(patchWidth: config.frameWidth, controlWidth: Observation.stateWidth, grid: config.grid,
                               width: config.width, depth: config.depth, heads: config.heads, mlpRatio: config.mlpRatio,
                               std: 0.02, using: &generator)
        decoder = Linear(config.width, config.frameWidth, std: 0.02, using: &generator)
        decoder.weight = .zeros([config.frameWidth, config.width])
    }

    /// The pixels of each patch of the frame, `[…, N, tubelet · patch² · 3]` → `[…, N, patch² · 3]` in [0, 1]
    /// (the first frame of each tubelet; a frame encoded alone fills every frame of it).
    public func targets(_ latents: Tensor) -> Tensor {
        precondition(latents.rank >= 2 && latents.shape.suffix(2) == [config.encoderTokens, config.latentWidth],
                     "PixelWorldModel: latents \(latents.shape) do not end in [\(config.encoderTokens), \(config.latentWidth)]")
        let detached = latents.detached
        return config.latentWidth == config.frameWidth
            ? detached : detached.slice(alongAxis: latents.rank - 1, 0..<config.frameWidth)
    }

    public func predict(latents: Tensor, states: Tensor, actions: Tensor) -> Tensor {
        let (batch, steps, n) = (latents.shape[0], latents.shape[1], config.encoderTokens)
        precondition(latents.shape == [batch, steps, n, config.frameWidth]
                     && states.shape == [batch, steps, 7] && actions.shape == [batch, steps, 7],
                     "PixelWorldModel.predict: frames \(latents.shape), states \(states.shape), actions \(actions.shape) "
                     + "do not fit [B, T, \(n), \(config.frameWidth)], [B, T, 7], [B, T, 7]")
        let hidden = body(patches: latents, states: states, actions: actions * PredictorStates.actionScale)
        return latents + decoder(hidden)
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try self.body.visitParameters(prefix: prefix, body)
        try decoder.visitParameters(prefix: parameterName(prefix, "decoder"), body)
    }
}
