import Harness

/// The shape of a `predictor/ac`: what it reads from the encoder and how big its transformer is.
public struct ACPredictorConfig: Codable, Hashable, Sendable {
    /// Patch tokens per frame from the encoder (a square grid: 64 for 8 × 8).
    public var encoderTokens: Int
    /// Channels per encoder token.
    public var latentWidth: Int
    /// Side of the average pooling applied to the encoder's token grid (1 = none; 2 turns 8 × 8 into 4 × 4).
    public var pool: Int
    public var width: Int
    public var depth: Int
    public var heads: Int
    public var mlpRatio: Int
    /// Whether the head predicts the change of each patch token, added to the current one before the output layer
    /// norm (`LN(z_t + head(h_t))`), so that an untrained predictor is the copy baseline; the paper's head predicts
    /// `LN(head(h_t))`.
    public var residual: Bool

    enum CodingKeys: String, CodingKey {
        case encoderTokens = "encoder_tokens", latentWidth = "latent_width", pool, width, depth, heads
        case mlpRatio = "mlp_ratio", residual
    }

    public init(encoderTokens: Int, latentWidth: Int, pool: Int = 2, width: Int = 128, depth: Int = 4, heads: Int = 4,
                mlpRatio: Int = 4, residual: Bool = false) throws {
        (self.encoderTokens, self.latentWidth, self.pool) = (encoderTokens, latentWidth, pool)
        (self.width, self.depth, self.heads, self.mlpRatio, self.residual) = (width, depth, heads, mlpRatio, residual)
        try validate()
    }

    /// Reads a configuration; checkpoints written before `residual` existed predict without it.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        encoderTokens = try c.decode(Int.self, forKey: .encoderTokens)
        latentWidth = try c.decode(Int.self, forKey: .latentWidth)
        pool = try c.decode(Int.self, forKey: .pool)
        width = try c.decode(Int.self, forKey: .width)
        depth = try c.decode(Int.self, forKey: .depth)
        heads = try c.decode(Int.self, forKey: .heads)
        mlpRatio = try c.decode(Int.self, forKey: .mlpRatio)
        residual = try c.decodeIfPresent(Bool.self, forKey: .residual) ?? false
        try validate()
    }

    /// Side of the encoder's token grid.
    public var grid: Int { Int(Double(encoderTokens).squareRoot().rounded()) }
    /// Side of the pooled grid the predictor works on.
    public var pooledGrid: Int { grid / pool }
    /// Patch tokens per frame inside the predictor.
    public var tokensPerFrame: Int { pooledGrid * pooledGrid }
    /// Tokens per time step: action, state, patches.
    public var tokensPerStep: Int { tokensPerFrame + 2 }

    public func validate() throws {
        func fail(_ message: String) -> PlanningError { .invalidParameter("predictor/ac: " + message) }
        guard grid * grid == encoderTokens, encoderTokens > 0 else {
            throw fail("the encoder's \(encoderTokens) tokens per frame are not a square grid")
        }
        guard pool >= 1, grid % pool == 0 else { throw fail("pool \(pool) does not divide the \(grid) × \(grid) token grid") }
        guard latentWidth > 0, width > 0, depth > 0, mlpRatio > 0 else {
            throw fail("latent width, width, depth and mlp ratio must be positive")
        }
        guard heads > 0, width % heads == 0, (width / heads) % 2 == 0, width / heads >= 6 else {
            throw fail("width \(width) must split into \(heads) heads of an even size ≥ 6 (3-D rotary embedding)")
        }
    }
}
