/// NumPy-style broadcasting: shapes are aligned at their last axis, and an axis of extent 1 (or a missing one)
/// stretches to the other's extent.
extension Tensor {
    /// The shape two operands broadcast to.
    static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = max(a.count, b.count)
        return (0..<rank).map { i in
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            precondition(x == y || x == 1 || y == 1, "Tensor: shapes \(a) and \(b) do not broadcast")
            return max(x, y)
        }
    }

    /// For every scalar of a tensor of shape `output`, the offset of the scalar of `shape` broadcast onto it.
    static func broadcastOffsets(of shape: [Int], onto output: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: output.count - shape.count) + shape
        var strides = [Int](repeating: 0, count: output.count)
        var stride = 1
        for axis in (0..<output.count).reversed() {
            strides[axis] = padded[axis] == 1 ? 0 : stride
            stride *= padded[axis]
        }
        var offsets = [Int](repeating: 0, count: output.reduce(1, *))
        var walk = StridedIndex(shape: output, strides: strides)
        for i in 0..<offsets.count {
            offsets[i] = walk.offset
            walk.advance()
        }
        return offsets
    }

    /// Whether `shape`, stripped of leading ones, is a trailing part of `output` (a per-row operand such as a bias).
    static func isTrailing(_ shape: [Int], of output: [Int]) -> Bool {
        let core = Array(shape.drop { $0 == 1 })
        return core.count <= output.count && Array(output.suffix(core.count)) == core
    }

    /// Sums this tensor down to `target`, the shape it was broadcast from (the adjoint of broadcasting).
    func sum(toShape target: [Int]) -> Tensor {
        if target == shape { return self.detached }
        let targetCount = target.reduce(1, *)
        if Tensor.isTrailing(target, of: shape) {
            let rows = count / max(targetCount, 1)
            return Tensor.build(target) { out in
                withUnsafeBufferPointer { g in
                    let g = g.baseAddress!
                    out.initialize(repeating: 0, count: targetCount)
                    for r in 0..<rows {
                        let row = g + r * targetCount
                        for j in 0..<targetCount { out[j] += row[j] }
                    }
                }
            }
        }
        let offsets = Tensor.broadcastOffsets(of: target, onto: shape)
        return Tensor.build(target) { out in
            out.initialize(repeating: 0, count: targetCount)
            withUnsafeBufferPointer { g in
                for i in 0..<count { out[offsets[i]] += g[i] }
            }
        }
    }
}
