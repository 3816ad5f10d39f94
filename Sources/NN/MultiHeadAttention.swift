/// Multi-head self-attention: one packed projection to queries, keys and values (`qkv`), optional rotary position
/// embedding of queries and keys, fused attention under an optional mask, and an output projection (`proj`).
public struct MultiHeadAttention: Module, Sendable {
    public var qkv: Linear
    public var proj: Linear
    public let heads: Int

    public init(_ width: Int, heads: Int, std: Float? = nil, using generator: inout SeededGenerator) {
        precondition(width % heads == 0, "MultiHeadAttention: width \(width) is not divisible by \(heads) heads")
        qkv = Linear(width, 3 * width, std: std, using: &generator)
        proj = Linear(width, width, std: std, using: &generator)
        self.heads = heads
    }

    public var width: Int { proj.outputs }
    public var headDim: Int { width / heads }

    /// Attends `x` `[B, T, D]` to itself; `mask` is `[T, T]`, `rotary` covers the `T` tokens with `headDim / 2` pairs.
    public func callAsFunction(_ x: Tensor, mask: AttentionMask? = nil, rotary: RotaryEmbedding? = nil) -> Tensor {
        var packed = qkv(x)
        if let rotary { packed = rotary(packed, channels: 2 * width) }
        return proj(Tensor.selfAttention(qkv: packed, heads: heads, mask: mask))
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try qkv.visitParameters(prefix: parameterName(prefix, "qkv"), body)
        try proj.visitParameters(prefix: parameterName(prefix, "proj"), body)
    }
}
