import Foundation

/// Differentiable elementwise functions.
extension Tensor {
    /// Applies `f` and records `g · derivative(x, f(x))` as the gradient.
    @inline(__always)
    func unary(_ f: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Tensor {
        let y = map(f)
        let x0 = detached, y0 = y.detached
        return Tensor.record(y, [self]) { g in
            [Tensor.build(g.shape) { out in
                g.withUnsafeBufferPointer { pg in
                    x0.withUnsafeBufferPointer { px in
                        y0.withUnsafeBufferPointer { py in
                            for i in 0..<g.count { out[i] = pg[i] * derivative(px[i], py[i]) }
                        }
                    }
                }
            }]
        }
    }

    /// `e^x`.
    public func exp() -> Tensor { unary(Kernels.exp) { _, y in y } }

    /// The natural logarithm.
    public func log() -> Tensor { unary(Foundation.log) { x, _ in 1 / x } }

    /// The square root.
    public func sqrt() -> Tensor { unary(Foundation.sqrt) { _, y in 0.5 / y } }

    /// `x²`.
    public func squared() -> Tensor { unary({ $0 * $0 }) { x, _ in 2 * x } }

    /// `|x|` (gradient `sign(x)`, 0 at 0).
    public func abs() -> Tensor { unary(Swift.abs) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) } }

    /// `max(x, 0)`.
    public func relu() -> Tensor { unary({ max($0, 0) }) { x, _ in x > 0 ? 1 : 0 } }

    /// The logistic function `1 / (1 + e^-x)`.
    public func sigmoid() -> Tensor { unary({ 1 / (1 + Kernels.exp(-$0)) }) { _, y in y * (1 - y) } }

    /// The hyperbolic tangent.
    public func tanh() -> Tensor { unary(Foundation.tanh) { _, y in 1 - y * y } }

    /// GELU with the tanh approximation (PyTorch's `gelu(approximate="tanh")`), vectorised over both cores.
    public func gelu() -> Tensor {
        let y = Tensor.build(shape) { out in
            withUnsafeBufferPointer { p in
                let x = p.baseAddress!
                Kernels.parallelFor(count, cost: 4) { range in
                    for i in range { out[i] = Kernels.gelu(x[i]) }
                }
            }
        }
        let x0 = detached
        return Tensor.record(y, [self]) { g in
            [Tensor.build(g.shape) { out in
                g.withUnsafeBufferPointer { pg in
                    x0.withUnsafeBufferPointer { px in
                        let gp = pg.baseAddress!, xp = px.baseAddress!
                        Kernels.parallelFor(g.count, cost: 4) { range in
                            for i in range { out[i] = gp[i] * Kernels.geluDerivative(xp[i]) }
                        }
                    }
                }
            }]
        }
    }
}
