import NN

/// A video ViT: tubelet embedding (`embed`), then pre-norm transformer blocks with 3-D rotary positions
/// (`blocks.*`, `norm`); no class token, no learned position table.
public struct VisionTransformer: Module, Sendable {
    public var embed: TubeletEmbedding
    public var transformer: Transformer
    public let config: ViTConfig

    /// A freshly initialised ViT (weights normal with std 0.02, embedding PyTorch-uniform), fixed by `seed`.
    public init(config: ViTConfig, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        embed = TubeletEmbedding(width: config.width, patch: config.patch, frames: config.tubelet, using: &generator)
        transformer = Transformer(width: config.width, depth: config.depth, heads: config.heads,
                                  mlpRatio: config.mlpRatio, std: 0.02, using: &generator)
        self.config = config
    }

    public var headDim: Int { config.width / config.heads }

    /// Tokens `[B, N, width]` of clips `[B, T, H, W, 3]` (T a multiple of the tubelet, H = W a multiple of the
    /// patch); with `keep`, only those tokens of each clip (equal-length lists) go through the blocks: `[B, K, width]`.
    public func callAsFunction(_ clips: Tensor, keep: [[Int]]? = nil) -> Tensor {
        let grid = config.grid(frames: clips.shape[1], size: clips.shape[2])
        let tokens = embed(clips)
        guard let keep else { return transformer(tokens, positions: grid.rotary(headDim: headDim)) }
        return transformer(tokens.gather(tokens: keep), positions: grid.rotary(tokens: keep, headDim: headDim))
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try embed.visitParameters(prefix: parameterName(prefix, "embed"), body)
        try transformer.visitParameters(prefix: prefix, body)
    }
}
