/// Fused multi-head scaled dot-product attention.
///
/// For each (batch element, head) the kernel multiplies that head's queries and keys with one `gemm` that reads
/// them in place (by row stride, no permutes), applies the mask and softmax to the small score matrix while it is
/// in cache, and multiplies by the values straight into the head's columns of the output. The pairs are spread
/// over both cores. The backward pass follows the same plan.
extension Tensor {
    /// Attention of `query` `[B, Tq, D]` over `key` and `value` `[B, Tk, D]` with `heads` heads of `D / heads`
    /// channels; `mask` (`[Tq, Tk]`) forbids pairs. Returns `[B, Tq, D]`. A query that may see no key gets zeros.
    public static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int, mask: AttentionMask? = nil) -> Tensor {
        precondition(query.rank == 3 && key.rank == 3 && key.shape == value.shape && query.shape[0] == key.shape[0]
                     && query.shape[2] == key.shape[2],
                     "Tensor.attention: query \(query.shape), key \(key.shape), value \(value.shape) do not fit [B, T, D]")
        let (batch, tq, width) = (query.shape[0], query.shape[1], query.shape[2])
        let layout = AttentionLayout(batch: batch, queries: tq, keys: key.shape[1], heads: heads, width: width,
                                     queryStride: width, keyStride: width, valueStride: width)
        layout.check(mask)
        let needsGradient = query.isTracked || key.isTracked || value.isTracked
        var probabilities = needsGradient ? [Float](repeating: 0, count: layout.probabilityCount) : []
        let output = build([batch, tq, width]) { out in
            query.withUnsafeBufferPointer { q in
                key.withUnsafeBufferPointer { k in
                    value.withUnsafeBufferPointer { v in
                        probabilities.withUnsafeMutableBufferPointer { p in
                            layout.forward(q.baseAddress!, k.baseAddress!, v.baseAddress!, out, needsGradient ? p.baseAddress : nil, mask)
                        }
                    }
                }
            }
        }
        let (q0, k0, v0) = (query.detached, key.detached, value.detached)
        return record(output, [query, key, value]) { g in
            var gq = Tensor.zeros(q0.shape), gk = Tensor.zeros(k0.shape), gv = Tensor.zeros(v0.shape)
            gq.withUnsafeMutableBufferPointer { dq in
                gk.withUnsafeMutableBufferPointer { dk in
                    gv.withUnsafeMutableBufferPointer { dv in
                        q0.withUnsafeBufferPointer { q in
                            k0.withUnsafeBufferPointer { k in
                                v0.withUnsafeBufferPointer { v in
                                    g.withUnsafeBufferPointer { go in
                                        layout.backward(go.baseAddress!, q.baseAddress!, k.baseAddress!, v.baseAddress!,
                                                        probabilities, dq.baseAddress!, dk.baseAddress!, dv.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return [gq, gk, gv]
        }
    }

    /// Self-attention from a packed projection `qkv` `[B, T, 3D]` (queries, keys, values side by side, as one
    /// linear layer produces them); read in place, without splitting. Returns `[B, T, D]`.
    public static func selfAttention(qkv: Tensor, heads: Int, mask: AttentionMask? = nil) -> Tensor {
        precondition(qkv.rank == 3 && qkv.shape[2] % 3 == 0, "Tensor.selfAttention: qkv \(qkv.shape) is not [B, T, 3D]")
        let (batch, tokens, width) = (qkv.shape[0], qkv.shape[1], qkv.shape[2] / 3)
        let layout = AttentionLayout(batch: batch, queries: tokens, keys: tokens, heads: heads, width: width,
                                     queryStride: 3 * width, keyStride: 3 * width, valueStride: 3 * width)
        layout.check(mask)
        var probabilities = qkv.isTracked ? [Float](repeating: 0, count: layout.probabilityCount) : []
        let output = build([batch, tokens, width]) { out in
            qkv.withUnsafeBufferPointer { p in
                probabilities.withUnsafeMutableBufferPointer { pr in
                    let base = p.baseAddress!
                    layout.forward(base, base + width, base + 2 * width, out, qkv.isTracked ? pr.baseAddress : nil, mask)
                }
            }
        }
        let qkv0 = qkv.detached
        return record(output, [qkv]) { g in
            var grad = Tensor.zeros(qkv0.shape)
            grad.withUnsafeMutableBufferPointer { d in
                qkv0.withUnsafeBufferPointer { p in
                    g.withUnsafeBufferPointer { go in
                        let (base, db) = (p.baseAddress!, d.baseAddress!)
                        layout.backward(go.baseAddress!, base, base + width, base + 2 * width, probabilities,
                                        db, db + width, db + 2 * width)
                    }
                }
            }
            return [grad]
        }
    }
}

/// Extents and row strides of one attention call; queries, keys, values and their gradients share the strides.
struct AttentionLayout {
    let batch, queries, keys, heads, width: Int
    let queryStride, keyStride, valueStride: Int

    var headDim: Int { width / heads }
    var scale: Float { 1 / Float(headDim).squareRoot() }
    var probabilityCount: Int { batch * heads * queries * keys }

    func check(_ mask: AttentionMask?) {
        precondition(heads > 0 && width % heads == 0, "Tensor.attention: width \(width) is not divisible by \(heads) heads")
        if let mask {
            precondition(mask.queries == queries && mask.keys == keys,
                         "Tensor.attention: mask is \(mask.queries)×\(mask.keys), attention is \(queries)×\(keys)")
        }
    }

    /// Computes the output `[B, Tq, D]`; stores the probabilities `[B, H, Tq, Tk]` when `saved` is given.
    func forward(_ q: UnsafePointer<Float>, _ k: UnsafePointer<Float>, _ v: UnsafePointer<Float>,
                 _ out: UnsafeMutablePointer<Float>, _ saved: UnsafeMutablePointer<Float>?, _ mask: AttentionMask?) {
        let additive = mask?.allowed.map { $0 ? Float(0) : -1e30 } ?? [0]
        let keep = mask?.allowed.map { $0 ? Float(1) : 0 } ?? [1]
        let (hd, tq, tk) = (headDim, queries, keys)
        additive.withUnsafeBufferPointer { ap in
            keep.withUnsafeBufferPointer { kp in
                let (add, mul) = mask == nil ? (nil, nil) : (ap.baseAddress, kp.baseAddress)
                Kernels.parallelFor(batch * heads, cost: 4 * tq * tk * hd) { pairs in
                    let scratch = UnsafeMutablePointer<Float>.allocate(capacity: saved == nil ? tq * tk : 0)
                    defer { scratch.deallocate() }
                    for pair in pairs {
                        let (b, h) = (pair / heads, pair % heads)
                        let scores = saved.map { $0 + pair * tq * tk } ?? scratch
                        Kernels.gemm(q + b * tq * queryStride + h * hd, k + b * tk * keyStride + h * hd, scores,
                                  m: tq, n: tk, k: hd, transposeB: true,
                                  alpha: scale, lda: queryStride, ldb: keyStride, ldc: tk)
                        for r in 0..<tq {
                            maskedSoftmax(scores + r * tk, add.map { $0 + r * tk }, mul.map { $0 + r * tk })
                        }
                        Kernels.gemm(scores, v + b * tk * valueStride + h * hd, out + b * tq * width + h * hd,
                                  m: tq, n: hd, k: tk, lda: tk, ldb: valueStride, ldc: width)
                    }
                }
            }
        }
    }

    /// Accumulates the gradients of queries, keys and values (zero-initialised, same strides) from the output's.
    func backward(_ gOut: UnsafePointer<Float>, _ q: UnsafePointer<Float>, _ k: UnsafePointer<Float>,
                  _ v: UnsafePointer<Float>, _ probabilities: [Float],
                  _ dq: UnsafeMutablePointer<Float>, _ dk: UnsafeMutablePointer<Float>, _ dv: UnsafeMutablePointer<Float>) {
        let (hd, tq, tk) = (headDim, queries, keys)
        probabilities.withUnsafeBufferPointer { pp in
            let saved = pp.baseAddress!
            Kernels.parallelFor(batch * heads, cost: 8 * tq * tk * hd) { pairs in
                let dS = UnsafeMutablePointer<Float>.allocate(capacity: tq * tk)
                defer { dS.deallocate() }
                for pair in pairs {
                    let (b, h) = (pair / heads, pair % heads)
                    let p = saved + pair * tq * tk
                    let go = gOut + b * tq * width + h * hd
                    let (qo, ko, vo) = (b * tq * queryStride + h * hd, b * tk * keyStride + h * hd, b * tk * valueStride + h * hd)
                    Kernels.gemm(p, go, dv + vo, m: tk, n: hd, k: tq, transposeA: true, lda: tk, ldb: width, ldc: valueStride)
                    Kernels.gemm(go, v + vo, dS, m: tq, n: tk, k: hd, transposeB: true, lda: width, ldb: valueStride, ldc: tk)
                    for r in 0..<tq {
                        let (pr, sr) = (p + r * tk, dS + r * tk)
                        var dot: Float = 0
                        for j in 0..<tk { dot += pr[j] * sr[j] }
                        for j in 0..<tk { sr[j] = pr[j] * (sr[j] - dot) }
                    }
                    Kernels.gemm(dS, k + ko, dq + qo, m: tq, n: hd, k: tk, alpha: scale, lda: tk, ldb: keyStride, ldc: queryStride)
                    Kernels.gemm(dS, q + qo, dk + ko, m: tk, n: hd, k: tq, transposeA: true, alpha: scale,
                              lda: tk, ldb: queryStride, ldc: keyStride)
                }
            }
        }
    }

    /// Softmax of one score row in place; masked entries become exactly 0, a fully masked row all zeros.
    @inline(__always)
    private func maskedSoftmax(_ row: UnsafeMutablePointer<Float>, _ additive: UnsafePointer<Float>?, _ keep: UnsafePointer<Float>?) {
        let n = keys
        var top: Float = -.infinity
        if let additive {
            for j in 0..<n { top = max(top, row[j] + additive[j]) }
        } else {
            for j in 0..<n { top = max(top, row[j]) }
        }
        var total: Float = 0
        for j in 0..<n {
            var e = Kernels.exp(row[j] - top)
            if let keep { e *= keep[j] }
            row[j] = e
            total += e
        }
        let s = total > 0 ? 1 / total : 0
        for j in 0..<n { row[j] *= s }
    }
}
