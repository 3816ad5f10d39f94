import NN

/// The paper's attentive probe on frozen tokens: one learnable query token (`query`) cross-attends to the
/// layer-normed tokens (`norm`, `q`, `k`, `v`, `proj`), with a residual; then `x + mlp(norm2(x))`, a final layer
/// norm (`out_norm`) and a linear classifier (`classifier`).
public struct AttentiveProbe: Module, Sendable {
    public var query: Tensor
    public var norm: LayerNorm
    public var q: Linear
    public var k: Linear
    public var v: Linear
    public var proj: Linear
    public var norm2: LayerNorm
    public var mlp: MLP
    public var outNorm: LayerNorm
    public var classifier: Linear
    public let heads: Int

    public init(width: Int, classes: Int, heads: Int = 4, seed: UInt64) {
        precondition(width % heads == 0, "AttentiveProbe: width \(width) is not divisible by \(heads) heads")
        var g = SeededGenerator(seed: seed)
        query = .randomNormal([width], std: 0.02, using: &g)
        norm = LayerNorm(width)
        q = Linear(width, width, std: 0.02, using: &g)
        k = Linear(width, width, std: 0.02, using: &g)
        v = Linear(width, width, std: 0.02, using: &g)
        proj = Linear(width, width, std: 0.02, using: &g)
        norm2 = LayerNorm(width)
        mlp = MLP(width, hidden: 2 * width, std: 0.02, using: &g)
        outNorm = LayerNorm(width)
        classifier = Linear(width, classes, std: 0.02, using: &g)
        self.heads = heads
    }

    /// Class logits `[B, classes]` of tokens `[B, N, width]`.
    public func callAsFunction(_ tokens: Tensor) -> Tensor {
        let (batch, width) = (tokens.shape[0], tokens.shape[2])
        let x = norm(tokens)
        let start = Tensor.zeros([batch, 1, width]) + query
        let attended = Tensor.attention(query: q(start), key: k(x), value: v(x), heads: heads)
        let h = start + proj(attended)
        let y = h + mlp(norm2(h))
        return classifier(outNorm(y)).reshaped([batch, -1])
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try body(parameterName(prefix, "query"), &query)
        try norm.visitParameters(prefix: parameterName(prefix, "norm"), body)
        try q.visitParameters(prefix: parameterName(prefix, "q"), body)
        try k.visitParameters(prefix: parameterName(prefix, "k"), body)
        try v.visitParameters(prefix: parameterName(prefix, "v"), body)
        try proj.visitParameters(prefix: parameterName(prefix, "proj"), body)
        try norm2.visitParameters(prefix: parameterName(prefix, "norm2"), body)
        try mlp.visitParameters(prefix: parameterName(prefix, "mlp"), body)
        try outNorm.visitParameters(prefix: parameterName(prefix, "out_norm"), body)
        try classifier.visitParameters(prefix: parameterName(prefix, "classifier"), body)
    }
}
