/// A stack of pre-norm transformer blocks (`blocks.0`, `blocks.1`, …) followed by a final layer norm (`norm`).
public struct Transformer: Module, Sendable {
    public var blocks: [TransformerBlock]
    public var norm: LayerNorm

    public init(width: Int, depth: Int, heads: Int, mlpRatio: Int = 4, std: Float? = nil, using generator: inout SeededGenerator) {
        blocks = (0..<depth).map { _ in TransformerBlock(width, heads: heads, mlpRatio: mlpRatio, std: std, using: &generator) }
        norm = LayerNorm(width)
    }

    /// Runs `x` `[B, T, D]` through every block under the same mask and rotary tables, then the final norm.
    ///
    /// Without differentiation, a large batch runs in chunks of about 512 tokens per core (`Tensor.mapBatches`).
    public func callAsFunction(_ x: Tensor, mask: AttentionMask? = nil, rotary: RotaryEmbedding? = nil) -> Tensor {
        let samples = max(1, 512 / max(x.shape.count > 1 ? x.shape[1] : 1, 1))
        return Tensor.mapBatches(x, samplesPerChunk: samples) { chunk in
            norm(blocks.reduce(chunk) { h, block in block(h, mask: mask, rotary: rotary) })
        }
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        for i in blocks.indices {
            try blocks[i].visitParameters(prefix: parameterName(prefix, "blocks.\(i)"), body)
        }
        try norm.visitParameters(prefix: parameterName(prefix, "norm"), body)
    }
}
