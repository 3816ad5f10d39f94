/// Which keys each query may attend to: `allowed[q * keys + k]`.
public struct AttentionMask: Sendable, Equatable {
    public let queries: Int
    public let keys: Int
    public let allowed: [Bool]

    /// A mask from a row-major `[queries, keys]` table of permissions.
    public init(queries: Int, keys: Int, allowed: [Bool]) {
        precondition(allowed.count == queries * keys,
                     "AttentionMask: \(allowed.count) entries for \(queries) queries × \(keys) keys")
        self.queries = queries
        self.keys = keys
        self.allowed = allowed
    }

    /// A mask where query `q` may see key `k` when `rule(q, k)`.
    public init(queries: Int, keys: Int, rule: (Int, Int) -> Bool) {
        self.init(queries: queries, keys: keys,
                  allowed: (0..<queries).flatMap { q in (0..<keys).map { k in rule(q, k) } })
    }

    /// Each token sees itself and earlier tokens.
    public static func causal(_ tokens: Int) -> AttentionMask {
        AttentionMask(queries: tokens, keys: tokens) { q, k in k <= q }
    }

    /// Tokens come in `blocks` consecutive groups of `tokensPerBlock` (one group per time step); a token sees every
    /// token of its own block and of earlier blocks, and none of later blocks.
    public static func blockCausal(blocks: Int, tokensPerBlock: Int) -> AttentionMask {
        let n = blocks * tokensPerBlock
        return AttentionMask(queries: n, keys: n) { q, k in k / tokensPerBlock <= q / tokensPerBlock }
    }

    /// Whether query `q` may attend to key `k`.
    public subscript(q: Int, k: Int) -> Bool { allowed[q * keys + k] }
}
