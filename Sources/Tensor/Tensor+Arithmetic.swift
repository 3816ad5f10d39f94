/// Elementwise arithmetic with broadcasting, and arithmetic with a scalar.
extension Tensor {
    /// Applies `op` to broadcast pairs of scalars; the common layouts (same shape, a scalar, a per-row operand)
    /// run as plain vectorisable loops, the rest through an offset table.
    static func combine<Op: BinaryScalarOperator>(_ a: Tensor, _ b: Tensor, _: Op.Type) -> Tensor {
        let op = Op.apply
        let shape = a.shape == b.shape ? a.shape : broadcastShape(a.shape, b.shape)
        let count = shape.reduce(1, *)
        return build(shape) { out in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let x = pa.baseAddress!, y = pb.baseAddress!
                    if a.count == count && b.count == count {
                        Kernels.parallelFor(count) { range in
                            for i in range { out[i] = op(x[i], y[i]) }
                        }
                    } else if b.count == 1 {
                        let s = y[0]
                        Kernels.parallelFor(count) { range in
                            for i in range { out[i] = op(x[i], s) }
                        }
                    } else if a.count == 1 {
                        let s = x[0]
                        Kernels.parallelFor(count) { range in
                            for i in range { out[i] = op(s, y[i]) }
                        }
                    } else if a.count == count && isTrailing(b.shape, of: shape) {
                        let width = b.count
                        Kernels.parallelFor(count / width, cost: width) { rows in
                            for r in rows {
                                let o = out + r * width, xr = x + r * width
                                for j in 0..<width { o[j] = op(xr[j], y[j]) }
                            }
                        }
                    } else if b.count == count && isTrailing(a.shape, of: shape) {
                        let width = a.count
                        Kernels.parallelFor(count / width, cost: width) { rows in
                            for r in rows {
                                let o = out + r * width, yr = y + r * width
                                for j in 0..<width { o[j] = op(x[j], yr[j]) }
                            }
                        }
                    } else {
                        let oa = broadcastOffsets(of: a.shape, onto: shape)
                        let ob = broadcastOffsets(of: b.shape, onto: shape)
                        for i in 0..<count { out[i] = op(x[oa[i]], y[ob[i]]) }
                    }
                }
            }
        }
    }

    /// `self + other` without recording (used to accumulate gradients).
    func adding(_ other: Tensor) -> Tensor { Tensor.combine(self, other, Add.self) }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        record(combine(a, b, Add.self), [a, b]) { g in [g.sum(toShape: a.shape), g.sum(toShape: b.shape)] }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        record(combine(a, b, Subtract.self), [a, b]) { g in [g.sum(toShape: a.shape), (-g).sum(toShape: b.shape)] }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (a0, b0) = (a.detached, b.detached)
        return record(combine(a, b, Multiply.self), [a, b]) { g in
            [combine(g, b0, Multiply.self).sum(toShape: a.shape), combine(g, a0, Multiply.self).sum(toShape: b.shape)]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (a0, b0) = (a.detached, b.detached)
        return record(combine(a, b, Divide.self), [a, b]) { g in
            let ga = combine(g, b0, Divide.self)
            let gb = combine(combine(ga, a0, Multiply.self), b0, Divide.self)
            return [ga.sum(toShape: a.shape), (-gb).sum(toShape: b.shape)]
        }
    }

    public static prefix func - (a: Tensor) -> Tensor { a * -1 }

    public static func + (a: Tensor, s: Float) -> Tensor {
        record(a.map { $0 + s }, [a]) { g in [g] }
    }

    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    public static func - (a: Tensor, s: Float) -> Tensor { a + -s }

    public static func - (s: Float, a: Tensor) -> Tensor { (a * -1) + s }

    public static func * (a: Tensor, s: Float) -> Tensor {
        record(a.map { $0 * s }, [a]) { g in [g.map { $0 * s }] }
    }

    public static func * (s: Float, a: Tensor) -> Tensor { a * s }

    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }

    /// Applies `f` to every scalar, without recording.
    @inline(__always)
    func map(_ f: (Float) -> Float) -> Tensor {
        Tensor.build(shape) { out in
            withUnsafeBufferPointer { p in
                let x = p.baseAddress!
                Kernels.parallelFor(count) { range in
                    for i in range { out[i] = f(x[i]) }
                }
            }
        }
    }
}

/// A scalar binary operation, as a type so that generic loops over it are specialised and vectorised.
protocol BinaryScalarOperator {
    static func apply(_ a: Float, _ b: Float) -> Float
}

enum Add: BinaryScalarOperator {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b }
}

enum Subtract: BinaryScalarOperator {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b }
}

enum Multiply: BinaryScalarOperator {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b }
}

enum Divide: BinaryScalarOperator {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a / b }
}
