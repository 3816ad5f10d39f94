/// Matrix products through `BLAS.gemm`: plain, batched, and the fused affine map of a linear layer.
extension Tensor {
    /// `op(a) · op(b)` over the last two axes, where `op` transposes when asked.
    ///
    /// Leading axes are batch axes and must agree, or `b` is a single matrix shared by every batch element.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank >= 2 && b.rank >= 2, "Tensor.matmul: needs rank ≥ 2, got \(a.shape) and \(b.shape)")
        if b.rank == 2 && a.rank > 2 && !transposeA {
            let flat = matmul(a.reshaped([-1, a.shape[a.rank - 1]]), b, transposeB: transposeB)
            return flat.reshaped(Array(a.shape.dropLast()) + [flat.shape[1]])
        }
        let batchShape = Array(a.shape.dropLast(2))
        precondition(batchShape == Array(b.shape.dropLast(2)),
                     "Tensor.matmul: batch axes of \(a.shape) and \(b.shape) differ")
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (k2, n) = transposeB ? (bc, br) : (br, bc)
        precondition(k == k2, "Tensor.matmul: inner extents differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        let batch = batchShape.reduce(1, *)
        let result = batchedProduct(a, b, batch: batch, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
            .reshaped(batchShape + [m, n])
        let (a0, b0) = (a.detached, b.detached)
        let (needA, needB) = (a.isTracked, b.isTracked)
        return record(result, [a, b]) { g in
            var ga: Tensor?, gb: Tensor?
            if needA {
                ga = transposeA
                    ? batchedProduct(b0, g, batch: batch, m: k, n: m, k: n, transposeA: transposeB, transposeB: true)
                    : batchedProduct(g, b0, batch: batch, m: m, n: k, k: n, transposeA: false, transposeB: !transposeB)
            }
            if needB {
                gb = transposeB
                    ? batchedProduct(g, a0, batch: batch, m: n, n: k, k: m, transposeA: true, transposeB: transposeA)
                    : batchedProduct(a0, g, batch: batch, m: k, n: n, k: m, transposeA: !transposeA, transposeB: false)
            }
            return [ga?.reshaped(a.shape), gb?.reshaped(b.shape)]
        }
    }

    /// `batch` independent products `op(A_i) · op(B_i)` of contiguous matrices, as a `[batch · m, n]` tensor.
    /// Small products run side by side on both cores; large ones leave the threading to OpenBLAS.
    static func batchedProduct(
        _ a: Tensor, _ b: Tensor, batch: Int, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool
    ) -> Tensor {
        build([batch * m, n]) { out in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let (x, y) = (pa.baseAddress!, pb.baseAddress!)
                    let product = { (i: Int) in
                        Kernels.gemm(x + i * m * k, y + i * k * n, out + i * m * n, m: m, n: n, k: k,
                                  transposeA: transposeA, transposeB: transposeB)
                    }
                    if batch > 1 && m * n * k < 262_144 {
                        Kernels.parallelFor(batch, cost: m * n * k) { range in range.forEach(product) }
                    } else {
                        (0..<batch).forEach(product)
                    }
                }
            }
        }
    }

    /// The affine map `x · weightᵀ + bias` over the last axis: `x` is `[…, in]`, `weight` is `[out, in]` (PyTorch's
    /// layout) and `bias` is `[out]`. The bias is written first and the product accumulated onto it in one `gemm`.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
        precondition(weight.rank == 2 && x.rank >= 1 && x.shape.last == weight.shape[1],
                     "Tensor.linear: input \(x.shape) does not match weight \(weight.shape) ([out, in])")
        let (outputs, inputs) = (weight.shape[0], weight.shape[1])
        if let bias { precondition(bias.shape == [outputs], "Tensor.linear: bias \(bias.shape) should be [\(outputs)]") }
        let rows = x.count / max(inputs, 1)
        let result = build(Array(x.shape.dropLast()) + [outputs]) { out in
            if let bias {
                bias.withUnsafeBufferPointer { pb in
                    for r in 0..<rows { (out + r * outputs).update(from: pb.baseAddress!, count: outputs) }
                }
            }
            x.withUnsafeBufferPointer { px in
                weight.withUnsafeBufferPointer { pw in
                    Kernels.gemm(px.baseAddress!, pw.baseAddress!, out, m: rows, n: outputs, k: inputs,
                              transposeB: true, beta: bias == nil ? 0 : 1)
                }
            }
        }
        let (x0, w0) = (x.detached, weight.detached)
        let needX = x.isTracked
        return record(result, bias.map { [x, weight, $0] } ?? [x, weight]) { g in
            let gx = needX ? batchedProduct(g, w0, batch: 1, m: rows, n: inputs, k: outputs,
                                            transposeA: false, transposeB: false).reshaped(x0.shape) : nil
            let gw = batchedProduct(g, x0, batch: 1, m: outputs, n: inputs, k: rows, transposeA: true, transposeB: false)
            return [gx, gw] + (bias == nil ? [] : [g.columnSums()])
        }
    }

    /// Sums over every axis but the last (the gradient of a broadcast bias), split over both cores.
    func columnSums() -> Tensor {
        let width = shape.last ?? 1
        let rows = count / max(width, 1)
        let chunks = min(Kernels.cores, max(1, rows / 256))
        var partial = [Float](repeating: 0, count: chunks * width)
        withUnsafeBufferPointer { p in
            partial.withUnsafeMutableBufferPointer { acc in
                let (x, sums) = (p.baseAddress!, acc.baseAddress!)
                DispatchQueueHelper.perform(chunks) { c in
                    let dst = sums + c * width
                    for r in rows * c / chunks..<rows * (c + 1) / chunks {
                        let row = x + r * width
                        for j in 0..<width { dst[j] += row[j] }
                    }
                }
            }
        }
        return Tensor.build([width]) { out in
            for j in 0..<width { out[j] = (0..<chunks).reduce(0) { $0 + partial[$1 * width + j] } }
        }
    }
}
