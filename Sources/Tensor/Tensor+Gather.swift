/// Selecting and placing tokens along axis 1 of a `[B, N, …]` tensor, per batch element (masked tokens).
extension Tensor {
    /// For each batch element `b`, the tokens `indices[b]` (all lists of the same length `K`): `[B, K, …]`.
    public func gather(tokens indices: [[Int]]) -> Tensor {
        let (batch, tokens, width) = tokenLayout(indices, "gather")
        let k = indices.first?.count ?? 0
        let result = Tensor.build([batch, k] + shape.dropFirst(2)) { out in
            withUnsafeBufferPointer { p in
                for (b, row) in indices.enumerated() {
                    for (j, t) in row.enumerated() {
                        (out + (b * k + j) * width).update(from: p.baseAddress! + (b * tokens + t) * width, count: width)
                    }
                }
            }
        }
        let shape = self.shape
        return Tensor.record(result, [self]) { g in
            [Tensor.build(shape) { out in
                out.initialize(repeating: 0, count: batch * tokens * width)
                g.withUnsafeBufferPointer { p in
                    for (b, row) in indices.enumerated() {
                        for (j, t) in row.enumerated() {
                            let dst = out + (b * tokens + t) * width, src = p.baseAddress! + (b * k + j) * width
                            for i in 0..<width { dst[i] += src[i] }
                        }
                    }
                }
            }]
        }
    }

    /// `base` with token `indices[b][j]` of batch element `b` replaced by this tensor's token `j`; this tensor is
    /// `[B, K, …]`, `base` is `[B, N, …]`, and the indices of one batch element must be distinct.
    public func scattered(into base: Tensor, tokens indices: [[Int]]) -> Tensor {
        let (batch, tokens, width) = base.tokenLayout(indices, "scatter")
        let k = indices.first?.count ?? 0
        precondition(shape == [batch, k] + base.shape.dropFirst(2),
                     "Tensor.scattered: values of shape \(shape) do not fit \(indices.count)×\(k) tokens of \(base.shape)")
        for row in indices {
            precondition(Set(row).count == row.count, "Tensor.scattered: repeated token index in \(row)")
        }
        var result = base.detached
        result.withUnsafeMutableBufferPointer { out in
            withUnsafeBufferPointer { p in
                for (b, row) in indices.enumerated() {
                    for (j, t) in row.enumerated() {
                        (out.baseAddress! + (b * tokens + t) * width).update(from: p.baseAddress! + (b * k + j) * width, count: width)
                    }
                }
            }
        }
        return Tensor.record(result, [self, base]) { g in
            var gBase = g.detached
            gBase.withUnsafeMutableBufferPointer { out in
                for (b, row) in indices.enumerated() {
                    for t in row { (out.baseAddress! + (b * tokens + t) * width).initialize(repeating: 0, count: width) }
                }
            }
            return [g.gather(tokens: indices), gBase]
        }
    }

    private func tokenLayout(_ indices: [[Int]], _ name: String) -> (batch: Int, tokens: Int, width: Int) {
        precondition(rank >= 2, "Tensor.\(name): needs [B, N, …], got shape \(shape)")
        precondition(indices.count == shape[0], "Tensor.\(name): \(indices.count) index lists for batch \(shape[0])")
        let k = indices.first?.count ?? 0
        for row in indices {
            precondition(row.count == k, "Tensor.\(name): index lists differ in length (\(row.count) vs \(k))")
            for t in row { precondition(t >= 0 && t < shape[1], "Tensor.\(name): token \(t) is outside 0..<\(shape[1])") }
        }
        return (shape[0], shape[1], shape.dropFirst(2).reduce(1, *))
    }
}
