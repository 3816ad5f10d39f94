import Tensor

/// The body of an action-conditioned video predictor (V-JEPA 2-AC's): a transformer over time steps of interleaved
/// tokens `[action_t, state_t, patch tokens of frame t]`.
///
/// Attention is block-causal (full within a step, to every earlier step, none to later ones), so the outputs of
/// step `t` depend on steps `0...t` only. Patch tokens carry 3-D rotary positions (time, row, column) on a square
/// `grid × grid` patch grid; the action and state tokens of step `t` carry the temporal position `t` alone. What the
/// outputs mean (latents, pixels) is up to the head the caller puts on them.
public struct StepTransformer: Module, Sendable {
    public var patchEmbed: Linear
    public var actionEmbed: Linear
    public var stateEmbed: Linear
    public var transformer: Transformer
    /// Side of the square patch grid (`grid²` patch tokens per step).
    public let grid: Int
    public let heads: Int

    /// A freshly initialised body; weights are drawn in the order patch, action, state embeddings, then blocks.
    public init(patchWidth: Int, controlWidth: Int, grid: Int, width: Int, depth: Int, heads: Int, mlpRatio: Int,
                std: Float, using generator: inout SeededGenerator) {
        patchEmbed = Linear(patchWidth, width, std: std, using: &generator)
        actionEmbed = Linear(controlWidth, width, std: std, using: &generator)
        stateEmbed = Linear(controlWidth, width, std: std, using: &generator)
        transformer = Transformer(width: width, depth: depth, heads: heads, mlpRatio: mlpRatio, std: std, using: &generator)
        self.grid = grid
        self.heads = heads
    }

    public var width: Int { patchEmbed.outputs }
    /// Patch tokens per step.
    public var tokensPerFrame: Int { grid * grid }
    /// Tokens per step: action, state, patches.
    public var tokensPerStep: Int { tokensPerFrame + 2 }

    /// The output tokens at the patch positions, `[B, T, grid², width]`, for `patches` `[B, T, grid², patchWidth]`,
    /// `states` and `actions` `[B, T, controlWidth]` (already scaled as the caller wants them).
    public func callAsFunction(patches: Tensor, states: Tensor, actions: Tensor) -> Tensor {
        let (batch, steps, w) = (patches.shape[0], patches.shape[1], width)
        let a = actionEmbed(actions).reshaped([batch, steps, 1, w])
        let s = stateEmbed(states).reshaped([batch, steps, 1, w])
        let p = patchEmbed(patches)
        let tokens = Tensor.concatenate([a, s, p], alongAxis: 2).reshaped([batch, steps * tokensPerStep, w])
        let mask = AttentionMask.blockCausal(blocks: steps, tokensPerBlock: tokensPerStep)
        let hidden = transformer(tokens, mask: mask, rotary: rotary(steps: steps))
        return hidden.reshaped([batch, steps, tokensPerStep, w]).slice(alongAxis: 2, 2..<tokensPerStep)
    }

    /// Rotary tables for `steps` steps: (t, 0, 0) for the action and state tokens — only the temporal channels
    /// turn — and (t, row, column) for the patches.
    func rotary(steps: Int) -> RotaryEmbedding {
        var positions: [(t: Float, h: Float, w: Float)] = []
        for t in 0..<steps {
            positions.append((Float(t), 0, 0))
            positions.append((Float(t), 0, 0))
            for i in 0..<tokensPerFrame { positions.append((Float(t), Float(i / grid), Float(i % grid))) }
        }
        return RotaryEmbedding(positions: positions, headDim: width / heads)
    }

    /// Parameters under `patch_embed`, `action_embed`, `state_embed` and `transformer` (V-JEPA 2-AC's names).
    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try patchEmbed.visitParameters(prefix: parameterName(prefix, "patch_embed"), body)
        try actionEmbed.visitParameters(prefix: parameterName(prefix, "action_embed"), body)
        try stateEmbed.visitParameters(prefix: parameterName(prefix, "state_embed"), body)
        try transformer.visitParameters(prefix: parameterName(prefix, "transformer"), body)
    }
}
