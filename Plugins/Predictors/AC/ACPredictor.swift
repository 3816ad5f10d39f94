import Harness
import NN
import Tensor

/// V-JEPA 2-AC's predictor: a transformer over interleaved per-step tokens `[action_t, state_t, patches_t]`.
///
/// Attention is block-causal (full within a step, to every earlier step, none to later ones), so the patch
/// outputs of step `t` — which predict frame `t + 1` — depend on steps `0...t` only. Patch tokens carry 3-D rotary
/// positions (time, row, column); the action and state tokens of step `t` carry the temporal position `t` alone.
/// Targets are the encoder's latents average-pooled by `pool` and layer-normalised without affine parameters, and
/// so are the predictions (the output is layer-normalised the same way), so a prediction can be fed back as input.
public struct ACPredictor: Module, Predictor, Sendable {
    public let config: ACPredictorConfig
    public var patchEmbed: Linear
    public var actionEmbed: Linear
    public var stateEmbed: Linear
    public var transformer: Transformer
    public var head: Linear

    /// Fixed input scales: position deltas in units of 7.5 cm, rotation deltas in units of 0.25 rad.
    static let actionScale: [Float] = [1 / 0.075, 1 / 0.075, 1 / 0.075, 4, 4, 4, 1]

    /// A freshly initialised predictor (truncated-normal-like weights of deviation 0.02, as in V-JEPA).
    public init(config: ACPredictorConfig, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        self.config = config
        patchEmbed = Linear(config.latentWidth, config.width, std: 0.02, using: &generator)
        actionEmbed = Linear(Observation.stateWidth, config.width, std: 0.02, using: &generator)
        stateEmbed = Linear(Observation.stateWidth, config.width, std: 0.02, using: &generator)
        transformer = Transformer(width: config.width, depth: config.depth, heads: config.heads,
                                  mlpRatio: config.mlpRatio, std: 0.02, using: &generator)
        head = Linear(config.width, config.latentWidth, std: 0.02, using: &generator)
    }

    public func targets(_ latents: Tensor) -> Tensor {
        precondition(latents.rank >= 2 && latents.shape.suffix(2) == [config.encoderTokens, config.latentWidth],
                     "ACPredictor: latents \(latents.shape) do not end in [\(config.encoderTokens), \(config.latentWidth)]")
        return Tensor.layerNorm(LatentPooling.pool(latents.detached, grid: config.grid, by: config.pool), epsilon: 1e-6)
    }

    public func predict(latents: Tensor, states: Tensor, actions: Tensor) -> Tensor {
        let (batch, steps, n, w) = (latents.shape[0], latents.shape[1], config.tokensPerFrame, config.width)
        precondition(latents.shape == [batch, steps, n, config.latentWidth]
                     && states.shape == [batch, steps, 7] && actions.shape == [batch, steps, 7],
                     "ACPredictor.predict: latents \(latents.shape), states \(states.shape), actions \(actions.shape) "
                     + "do not fit [B, T, \(n), \(config.latentWidth)], [B, T, 7], [B, T, 7]")
        let scale = Tensor(shape: [7], scalars: ACPredictor.actionScale)
        let a = actionEmbed(actions * scale).reshaped([batch, steps, 1, w])
        let s = stateEmbed(states).reshaped([batch, steps, 1, w])
        let p = patchEmbed(latents)
        let tokens = Tensor.concatenate([a, s, p], alongAxis: 2).reshaped([batch, steps * config.tokensPerStep, w])
        let mask = AttentionMask.blockCausal(blocks: steps, tokensPerBlock: config.tokensPerStep)
        let hidden = transformer(tokens, mask: mask, rotary: rotary(steps: steps))
        let patches = hidden.reshaped([batch, steps, config.tokensPerStep, w]).slice(alongAxis: 2, 2..<config.tokensPerStep)
        return Tensor.layerNorm(head(patches), epsilon: 1e-6)
    }

    /// Rotary tables for `steps` steps: (t, 0, 0) for the action and state tokens — only the temporal channels
    /// turn — and (t, row, column) for the patches.
    func rotary(steps: Int) -> RotaryEmbedding {
        var positions: [(t: Float, h: Float, w: Float)] = []
        let g = config.pooledGrid
        for t in 0..<steps {
            positions.append((Float(t), 0, 0))
            positions.append((Float(t), 0, 0))
            for i in 0..<config.tokensPerFrame { positions.append((Float(t), Float(i / g), Float(i % g))) }
        }
        return RotaryEmbedding(positions: positions, headDim: config.width / config.heads)
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try patchEmbed.visitParameters(prefix: parameterName(prefix, "patch_embed"), body)
        try actionEmbed.visitParameters(prefix: parameterName(prefix, "action_embed"), body)
        try stateEmbed.visitParameters(prefix: parameterName(prefix, "state_embed"), body)
        try transformer.visitParameters(prefix: parameterName(prefix, "transformer"), body)
        try head.visitParameters(prefix: parameterName(prefix, "head"), body)
    }
}
