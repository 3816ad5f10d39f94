import Harness
import NN
import Tensor

/// V-JEPA 2-AC's predictor: a transformer over interleaved per-step tokens `[action_t, state_t, patches_t]`.
///
/// Attention is block-causal (full within a step, to every earlier step, none to later ones), so the patch
/// outputs of step `t` — which predict frame `t + 1` — depend on steps `0...t` only (`StepTransformer`, shared with
/// the pixel-space baseline). Targets are the encoder's latents average-pooled by `pool` and layer-normalised
/// without affine parameters, and so are the predictions (the output is layer-normalised the same way), so a
/// prediction can be fed back as input. With `residual` the head predicts each token's change (zero at the start).
public struct ACPredictor: Module, Predictor, Sendable {
    public let config: ACPredictorConfig
    public var body: StepTransformer
    public var head: Linear

    /// A freshly initialised predictor (truncated-normal-like weights of deviation 0.02, as in V-JEPA).
    public init(config: ACPredictorConfig, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        self.config = config
        body = StepTransformer(patchWidth: config.latentWidth, controlWidth: Observation.stateWidth, grid: config.pooledGrid,
                               width: config.width, depth: config.depth, heads: config.heads, mlpRatio: config.mlpRatio,
                               std: 0.02, using: &generator)
        head = Linear(config.width, config.latentWidth, std: 0.02, using: &generator)
        if config.residual { head.weight = .zeros(head.weight.shape) }
    }

    public func targets(_ latents: Tensor) -> Tensor {
        precondition(latents.rank >= 2 && latents.shape.suffix(2) == [config.encoderTokens, config.latentWidth],
                     "ACPredictor: latents \(latents.shape) do not end in [\(config.encoderTokens), \(config.latentWidth)]")
        return LatentPooling.targets(latents.detached, grid: config.grid, pool: config.pool)
    }

    public func predict(latents: Tensor, states: Tensor, actions: Tensor) -> Tensor {
        let (batch, steps, n) = (latents.shape[0], latents.shape[1], config.tokensPerFrame)
        precondition(latents.shape == [batch, steps, n, config.latentWidth]
                     && states.shape == [batch, steps, 7] && actions.shape == [batch, steps, 7],
                     "ACPredictor.predict: latents \(latents.shape), states \(states.shape), actions \(actions.shape) "
                     + "do not fit [B, T, \(n), \(config.latentWidth)], [B, T, 7], [B, T, 7]")
        let patches = body(patches: latents, states: states, actions: actions * PredictorStates.actionScale)
        let output = head(patches)
        return Tensor.layerNorm(config.residual ? latents + output : output, epsilon: 1e-6)
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try self.body.visitParameters(prefix: prefix, body)
        try head.visitParameters(prefix: parameterName(prefix, "head"), body)
    }
}
