import NN

extension Transformer {
    /// Runs `x` `[B, T, D]` through every block with 3-D rotary positions given per token: `rotary` has either `T`
    /// rows (every sample at the same positions) or `B · T` rows (row `b · T + t` for token `t` of sample `b`, when
    /// each sample keeps different tokens), then the final norm. Differentiable; no mask.
    func callAsFunction(_ x: Tensor, positions rotary: RotaryEmbedding) -> Tensor {
        let (batch, tokens, width) = (x.shape[0], x.shape[1], x.shape[2])
        precondition(rotary.tokens == tokens || rotary.tokens == batch * tokens,
                     "Transformer: rotary tables of \(rotary.tokens) rows fit neither \(tokens) nor \(batch)×\(tokens) tokens")
        let flat = rotary.tokens != tokens
        let h = blocks.reduce(x) { h, block in
            var packed = block.attn.qkv(block.norm1(h))
            packed = flat
                ? rotary(packed.reshaped([1, batch * tokens, 3 * width]), channels: 2 * width).reshaped([batch, tokens, 3 * width])
                : rotary(packed, channels: 2 * width)
            let a = h + block.attn.proj(Tensor.selfAttention(qkv: packed, heads: block.attn.heads))
            return a + block.mlp(block.norm2(a))
        }
        return norm(h)
    }
}
