/// Softmax and layer normalisation over the last axis, fused and parallel over rows.
extension Tensor {
    /// `softmax` over the last axis.
    public func softmax() -> Tensor {
        let width = shape.last ?? 1
        let rows = count / max(width, 1)
        let y = Tensor.build(shape) { out in
            withUnsafeBufferPointer { p in
                let x = p.baseAddress!
                Kernels.parallelFor(rows, cost: width * 4) { range in
                    for r in range { Tensor.softmaxRow(x + r * width, out + r * width, width) }
                }
            }
        }
        let y0 = y.detached
        return Tensor.record(y, [self]) { g in
            [Tensor.build(g.shape) { out in
                g.withUnsafeBufferPointer { pg in
                    y0.withUnsafeBufferPointer { py in
                        for r in 0..<rows {
                            let (gr, yr, o) = (pg.baseAddress! + r * width, py.baseAddress! + r * width, out + r * width)
                            var dot: Float = 0
                            for j in 0..<width { dot += gr[j] * yr[j] }
                            for j in 0..<width { o[j] = yr[j] * (gr[j] - dot) }
                        }
                    }
                }
            }]
        }
    }

    /// Writes the softmax of `width` scalars at `x` to `y` (which may equal `x`).
    @inline(__always)
    static func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ width: Int) {
        var top = -Float.infinity
        for j in 0..<width { top = max(top, x[j]) }
        var total: Float = 0
        for j in 0..<width {
            let e = Kernels.exp(x[j] - top)
            y[j] = e
            total += e
        }
        let scale = 1 / total
        for j in 0..<width { y[j] *= scale }
    }

    /// Layer normalisation over the last axis: `(x − mean) / √(var + eps)`, then `· weight + bias` when given.
    public static func layerNorm(_ x: Tensor, weight: Tensor? = nil, bias: Tensor? = nil, epsilon: Float = 1e-5) -> Tensor {
        let width = x.shape.last ?? 1
        let rows = x.count / max(width, 1)
        for p in [weight, bias].compactMap({ $0 }) {
            precondition(p.shape == [width], "Tensor.layerNorm: parameter \(p.shape) should be [\(width)] for input \(x.shape)")
        }
        var stats = [Float](repeating: 0, count: 2 * rows)  // mean and 1/std per row
        let ones = [Float](repeating: 1, count: width), zeros = [Float](repeating: 0, count: width)
        let w = weight?.scalars ?? ones, b = bias?.scalars ?? zeros
        let y = build(x.shape) { out in
            x.withUnsafeBufferPointer { px in
                stats.withUnsafeMutableBufferPointer { ps in
                    w.withUnsafeBufferPointer { pw in
                        b.withUnsafeBufferPointer { pb in
                            let (xp, sp, wp, bp) = (px.baseAddress!, ps.baseAddress!, pw.baseAddress!, pb.baseAddress!)
                            Kernels.parallelFor(rows, cost: width * 4) { range in
                                for r in range {
                                    let (xr, o) = (xp + r * width, out + r * width)
                                    let mean = Kernels.sum(xr, width) / Float(width)
                                    let inv = 1 / (Kernels.squaredDeviations(xr, width, from: mean) / Float(width) + epsilon).squareRoot()
                                    for j in 0..<width { o[j] = (xr[j] - mean) * inv * wp[j] + bp[j] }
                                    sp[2 * r] = mean
                                    sp[2 * r + 1] = inv
                                }
                            }
                        }
                    }
                }
            }
        }
        let x0 = x.detached
        let inputs = [x] + [weight, bias].compactMap { $0 }
        return record(y, inputs) { g in
            var gw = [Float](repeating: 0, count: width), gb = [Float](repeating: 0, count: width)
            let gx = build(x0.shape) { out in
                g.withUnsafeBufferPointer { pg in
                    x0.withUnsafeBufferPointer { px in
                        for r in 0..<rows {
                            let (gr, xr, o) = (pg.baseAddress! + r * width, px.baseAddress! + r * width, out + r * width)
                            let (mean, inv) = (stats[2 * r], stats[2 * r + 1])
                            var meanG: Float = 0, meanGX: Float = 0
                            for j in 0..<width {
                                let xhat = (xr[j] - mean) * inv
                                let gh = gr[j] * w[j]
                                meanG += gh
                                meanGX += gh * xhat
                                gw[j] += gr[j] * xhat
                                gb[j] += gr[j]
                            }
                            meanG /= Float(width)
                            meanGX /= Float(width)
                            for j in 0..<width {
                                let xhat = (xr[j] - mean) * inv
                                o[j] = inv * (gr[j] * w[j] - meanG - xhat * meanGX)
                            }
                        }
                    }
                }
            }
            var grads: [Tensor?] = [gx]
            if weight != nil { grads.append(Tensor(shape: [width], scalars: gw)) }
            if bias != nil { grads.append(Tensor(shape: [width], scalars: gb)) }
            return grads
        }
    }
}
