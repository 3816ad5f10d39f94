/// Rotary position embedding applied to token features.
extension Tensor {
    /// Rotates consecutive channel pairs of `x` `[…, T, C]`: in every chunk of `2P` channels (one head), pair `i` of
    /// token `t` turns by the angle whose cosine and sine are `cos[t, i]` and `sin[t, i]` (tables `[T, P]`):
    /// `(a, b) → (a cos − b sin, a sin + b cos)`. Only the first `channels` channels (a multiple of `2P`; default
    /// all) are rotated, so the query and key parts of a packed `qkv` can be turned while the values stay put.
    public static func rotary(_ x: Tensor, cos: Tensor, sin: Tensor, channels: Int? = nil) -> Tensor {
        precondition(cos.rank == 2 && cos.shape == sin.shape, "Tensor.rotary: cos \(cos.shape) and sin \(sin.shape) must be [T, P]")
        let (tokens, pairs) = (cos.shape[0], cos.shape[1])
        let width = x.shape.last ?? 0
        let rotated = channels ?? width
        precondition(x.rank >= 2 && x.shape[x.rank - 2] == tokens && rotated <= width && rotated % (2 * pairs) == 0,
                     "Tensor.rotary: input \(x.shape) does not fit tables [\(tokens), \(pairs)] over \(rotated) channels")
        let forward = apply(x, cos.scalars, sin.scalars, tokens: tokens, pairs: pairs, channels: rotated, direction: 1)
        let (c, s) = (cos.scalars, sin.scalars)
        return record(forward, [x]) { g in
            [apply(g, c, s, tokens: tokens, pairs: pairs, channels: rotated, direction: -1)]
        }
    }

    private static func apply(_ x: Tensor, _ cos: [Float], _ sin: [Float], tokens: Int, pairs: Int, channels: Int,
                              direction: Float) -> Tensor {
        let width = x.shape.last!
        let rows = x.count / max(width, 1)
        var y = x.detached
        y.withUnsafeMutableBufferPointer { p in
            let base = p.baseAddress!
            cos.withUnsafeBufferPointer { cp in
                sin.withUnsafeBufferPointer { sp in
                    Kernels.parallelFor(rows, cost: channels * 3) { range in
                        for r in range {
                            let (c, s) = (cp.baseAddress! + (r % tokens) * pairs, sp.baseAddress! + (r % tokens) * pairs)
                            var chunk = base + r * width
                            for _ in 0..<(channels / (2 * pairs)) {
                                for i in 0..<pairs {
                                    let (a, b) = (chunk[2 * i], chunk[2 * i + 1])
                                    let sn = direction * s[i]
                                    chunk[2 * i] = a * c[i] - b * sn
                                    chunk[2 * i + 1] = a * sn + b * c[i]
                                }
                                chunk += 2 * pairs
                            }
                        }
                    }
                }
            }
        }
        return y
    }
}
