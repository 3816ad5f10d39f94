/// Sums and means, over everything or along one axis.
extension Tensor {
    /// The sum of all scalars, as a rank-0 tensor (accumulated in Double).
    public func sum() -> Tensor {
        let total = withUnsafeBufferPointer { p in p.reduce(0.0) { $0 + Double($1) } }
        let shape = self.shape
        return Tensor.record(Tensor(Float(total)), [self]) { g in [Tensor(repeating: g.scalar, shape: shape)] }
    }

    /// The mean of all scalars, as a rank-0 tensor.
    public func mean() -> Tensor { sum() * (1 / Float(max(count, 1))) }

    /// Sums along `axis`, which is removed from the shape unless `keepingAxis`.
    public func sum(alongAxis axis: Int, keepingAxis: Bool = false) -> Tensor {
        let axis = normalized(axis)
        let (outer, extent, inner) = split(at: axis)
        var reducedShape = shape
        reducedShape[axis] = 1
        let result = Tensor.build(reducedShape) { out in
            withUnsafeBufferPointer { p in
                let x = p.baseAddress!
                out.initialize(repeating: 0, count: outer * inner)
                for o in 0..<outer {
                    for e in 0..<extent {
                        let row = x + (o * extent + e) * inner, dst = out + o * inner
                        for i in 0..<inner { dst[i] += row[i] }
                    }
                }
            }
        }
        let shape = self.shape
        let output = keepingAxis ? result : result.reshaped(shape.enumerated().filter { $0.offset != axis }.map(\.element))
        return Tensor.record(output.detached, [self]) { g in
            [Tensor.combine(g.reshaped(reducedShape), .zeros(shape), Add.self)]
        }
    }

    /// The mean along `axis`, which is removed from the shape unless `keepingAxis`.
    public func mean(alongAxis axis: Int, keepingAxis: Bool = false) -> Tensor {
        sum(alongAxis: axis, keepingAxis: keepingAxis) * (1 / Float(shape[normalized(axis)]))
    }

    /// `axis` with negative values counted from the end, checked against the rank.
    func normalized(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "Tensor: axis \(axis) is out of range for shape \(shape)")
        return a
    }

    /// The extents before, at and after `axis`.
    func split(at axis: Int) -> (outer: Int, extent: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }
}
