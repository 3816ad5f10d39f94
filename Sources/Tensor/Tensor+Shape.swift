/// Reshaping, permuting, concatenating and slicing.
extension Tensor {
    /// The same scalars under a new shape; one extent may be `-1` and is then inferred. Shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let hole = newShape.firstIndex(of: -1) {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            precondition(known > 0 && count % known == 0, "Tensor.reshaped: cannot reshape \(shape) to \(newShape)")
            resolved[hole] = count / known
        }
        precondition(resolved.reduce(1, *) == count, "Tensor.reshaped: cannot reshape \(shape) to \(newShape)")
        let original = shape
        return Tensor.record(Tensor(shape: resolved, scalars: scalars), [self]) { g in [g.reshaped(original)] }
    }

    /// Reorders the axes: axis `i` of the result is axis `axes[i]` of this tensor.
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "Tensor.permuted: \(axes) is not a permutation of 0..<\(rank)")
        if axes == Array(0..<rank) { return self }
        let newShape = axes.map { shape[$0] }
        var sourceStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { sourceStrides[axis] = sourceStrides[axis + 1] * shape[axis + 1] }
        let strides = axes.map { sourceStrides[$0] }
        let result = Tensor.build(newShape) { out in
            withUnsafeBufferPointer { p in
                let x = p.baseAddress!
                let last = newShape.last!, lastStride = strides.last!
                let rows = count / max(last, 1)
                var walk = StridedIndex(shape: Array(newShape.dropLast()), strides: Array(strides.dropLast()))
                for r in 0..<rows {
                    let dst = out + r * last
                    for j in 0..<last { dst[j] = x[walk.offset + j * lastStride] }
                    walk.advance()
                }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in axes.enumerated() { inverse[a] = i }
        return Tensor.record(result, [self]) { g in [g.permuted(inverse)] }
    }

    /// A rank-2 tensor with its axes swapped.
    public func transposed() -> Tensor {
        precondition(rank == 2, "Tensor.transposed: needs rank 2, got shape \(shape)")
        return permuted([1, 0])
    }

    /// Joins tensors along `axis`; all other extents must agree.
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "Tensor.concatenate: no tensors")
        let axis = tensors[0].normalized(axis)
        for t in tensors {
            precondition(
                t.rank == tensors[0].rank && (0..<t.rank).allSatisfy { $0 == axis || t.shape[$0] == tensors[0].shape[$0] },
                "Tensor.concatenate: shape \(t.shape) does not match \(tensors[0].shape) off axis \(axis)")
        }
        var newShape = tensors[0].shape
        newShape[axis] = tensors.map { $0.shape[axis] }.reduce(0, +)
        let (outer, _, inner) = tensors[0].split(at: axis)
        let total = newShape[axis] * inner
        let result = build(newShape) { out in
            var start = 0
            for t in tensors {
                let width = t.shape[axis] * inner
                t.withUnsafeBufferPointer { p in
                    for o in 0..<outer { (out + o * total + start).update(from: p.baseAddress! + o * width, count: width) }
                }
                start += width
            }
        }
        let extents = tensors.map { $0.shape[axis] }
        return record(result, tensors) { g in
            var begin = 0
            return extents.map { extent in
                defer { begin += extent }
                return g.slice(alongAxis: axis, begin..<(begin + extent))
            }
        }
    }

    /// The part of this tensor with indices in `range` along `axis`.
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        let axis = normalized(axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis],
                     "Tensor.slice: range \(range) is outside 0..<\(shape[axis]) on axis \(axis) of \(shape)")
        let (outer, extent, inner) = split(at: axis)
        var newShape = shape
        newShape[axis] = range.count
        let width = range.count * inner
        let result = Tensor.build(newShape) { out in
            withUnsafeBufferPointer { p in
                for o in 0..<outer {
                    (out + o * width).update(from: p.baseAddress! + (o * extent + range.lowerBound) * inner, count: width)
                }
            }
        }
        let shape = self.shape
        return Tensor.record(result, [self]) { g in
            [Tensor.build(shape) { out in
                out.initialize(repeating: 0, count: outer * extent * inner)
                g.withUnsafeBufferPointer { p in
                    for o in 0..<outer {
                        (out + (o * extent + range.lowerBound) * inner).update(from: p.baseAddress! + o * width, count: width)
                    }
                }
            }]
        }
    }

    /// Splits along `axis` into consecutive parts of the given extents.
    public func split(alongAxis axis: Int, sizes: [Int]) -> [Tensor] {
        precondition(sizes.reduce(0, +) == shape[normalized(axis)],
                     "Tensor.split: sizes \(sizes) do not add up to extent \(shape[normalized(axis)]) of axis \(axis)")
        var begin = 0
        return sizes.map { size in
            defer { begin += size }
            return slice(alongAxis: axis, begin..<(begin + size))
        }
    }
}
