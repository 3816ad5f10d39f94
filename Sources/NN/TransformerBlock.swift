/// A pre-norm transformer block: `x + attn(norm1(x))`, then `+ mlp(norm2(·))`.
public struct TransformerBlock: Module, Sendable {
    public var norm1: LayerNorm
    public var attn: MultiHeadAttention
    public var norm2: LayerNorm
    public var mlp: MLP

    public init(_ width: Int, heads: Int, mlpRatio: Int = 4, std: Float? = nil, using generator: inout SeededGenerator) {
        norm1 = LayerNorm(width)
        attn = MultiHeadAttention(width, heads: heads, std: std, using: &generator)
        norm2 = LayerNorm(width)
        mlp = MLP(width, hidden: mlpRatio * width, std: std, using: &generator)
    }

    public func callAsFunction(_ x: Tensor, mask: AttentionMask? = nil, rotary: RotaryEmbedding? = nil) -> Tensor {
        let h = x + attn(norm1(x), mask: mask, rotary: rotary)
        return h + mlp(norm2(h))
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try norm1.visitParameters(prefix: parameterName(prefix, "norm1"), body)
        try attn.visitParameters(prefix: parameterName(prefix, "attn"), body)
        try norm2.visitParameters(prefix: parameterName(prefix, "norm2"), body)
        try mlp.visitParameters(prefix: parameterName(prefix, "mlp"), body)
    }
}
