import NN

/// The narrow predictor of mask-denoising: context tokens are projected to its width (`embed`), a learnable mask
/// token (`maskToken`) stands in at every target position, transformer blocks with the 3-D rotary positions of all
/// of them run, and the target positions are projected to the output width (`head`).
public struct MaskedPredictor: Module, Sendable {
    public var embed: Linear
    public var maskToken: Tensor
    public var transformer: Transformer
    public var head: Linear

    public init(inputs: Int, width: Int, depth: Int, heads: Int, outputs: Int, using generator: inout SeededGenerator) {
        embed = Linear(inputs, width, std: 0.02, using: &generator)
        maskToken = .randomNormal([width], std: 0.02, using: &generator)
        transformer = Transformer(width: width, depth: depth, heads: heads, std: 0.02, using: &generator)
        head = Linear(width, outputs, std: 0.02, using: &generator)
    }

    /// Predictions `[B, Kt, outputs]` for the `target` tokens of each clip from its encoded `context` `[B, Kc, D]`.
    public func callAsFunction(_ context: Tensor, grid: TokenGrid, contextTokens: [[Int]], targetTokens: [[Int]]) -> Tensor {
        let (batch, kc) = (context.shape[0], context.shape[1])
        let kt = targetTokens.first?.count ?? 0
        let width = embed.outputs
        let masks = Tensor.zeros([batch, kt, width]) + maskToken
        let sequence = Tensor.concatenate([embed(context), masks], alongAxis: 1)
        let positions = zip(contextTokens, targetTokens).map { $0 + $1 }
        let out = transformer(sequence, positions: grid.rotary(tokens: positions, headDim: width / transformer.blocks[0].attn.heads))
        return head(out.slice(alongAxis: 1, kc..<(kc + kt)))
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try embed.visitParameters(prefix: parameterName(prefix, "embed"), body)
        try body(parameterName(prefix, "mask_token"), &maskToken)
        try transformer.visitParameters(prefix: prefix, body)
        try head.visitParameters(prefix: parameterName(prefix, "head"), body)
    }
}
