/// A multi-index walking a shape in row-major order while tracking the matching offset into a strided layout.
struct StridedIndex {
    private var index: [Int]
    private let shape: [Int]
    private let strides: [Int]
    /// The offset of the current index: `Σ index[a] · strides[a]`.
    private(set) var offset = 0

    /// Starts at the all-zero index of `shape`; `strides` has one entry per axis.
    init(shape: [Int], strides: [Int]) {
        precondition(shape.count == strides.count, "StridedIndex: \(shape.count) axes but \(strides.count) strides")
        self.shape = shape
        self.strides = strides
        index = [Int](repeating: 0, count: shape.count)
    }

    /// Moves to the next index (the last axis fastest), wrapping to zero after the last one.
    mutating func advance() {
        var axis = shape.count - 1
        while axis >= 0 {
            index[axis] += 1
            offset += strides[axis]
            if index[axis] < shape[axis] { return }
            offset -= strides[axis] * index[axis]
            index[axis] = 0
            axis -= 1
        }
    }
}
