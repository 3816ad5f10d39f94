/// A Float32 tensor: row-major scalars and a shape, with value semantics.
///
/// The scalars live in a Swift array, so copies share storage until one of them is written (copy on write).
/// A tensor that takes part in a differentiation (see `Tensor.valueWithGradient`) also carries its place in the
/// recorded graph; every other tensor carries nothing, so inference records no graph.
public struct Tensor: @unchecked Sendable {
    /// Extents of the axes, outermost first; `[]` is a scalar.
    public let shape: [Int]
    /// The scalars in row-major order; `scalars.count == shape.reduce(1, *)`.
    public private(set) var scalars: [Float]
    /// The recorded operation that produced this tensor, when it is being differentiated.
    var node: GradNode?

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        precondition(
            shape.reduce(1, *) == scalars.count,
            "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A rank-0 tensor holding `value`.
    public init(_ value: Float) {
        self.init(shape: [], scalars: [value])
    }

    /// A tensor of `shape` with every scalar equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of `shape` filled with zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }

    /// A tensor of `shape` filled with ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// A tensor of `shape` whose scalars `body` writes; the buffer starts uninitialised and `body` must fill it.
    static func build(_ shape: [Int], _ body: (UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let count = shape.reduce(1, *)
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { body(base) }
            initialized = count
        }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// The number of scalars.
    public var count: Int { scalars.count }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The value of a tensor with one scalar.
    public var scalar: Float {
        precondition(count == 1, "Tensor.scalar: shape \(shape) holds \(count) scalars, not 1")
        return scalars[0]
    }

    /// The scalar at a full index (one coordinate per axis).
    public subscript(_ index: Int...) -> Float {
        get { scalars[offset(index)] }
        set {
            let i = offset(index)
            mutate { $0[i] = newValue }
        }
    }

    /// Whether this tensor is being recorded for differentiation.
    public var isTracked: Bool { node != nil }

    /// The same value, cut from any recorded graph (a stop-gradient).
    public var detached: Tensor {
        var copy = self
        copy.node = nil
        return copy
    }

    /// Reads the scalars in place.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Writes the scalars in place; the result is cut from any recorded graph.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        node = nil
        return try scalars.withUnsafeMutableBufferPointer(body)
    }

    private mutating func mutate(_ body: (inout [Float]) -> Void) {
        node = nil
        body(&scalars)
    }

    private func offset(_ index: [Int]) -> Int {
        precondition(index.count == rank, "Tensor: index \(index) has \(index.count) coordinates, shape is \(shape)")
        var offset = 0
        for (i, extent) in zip(index, shape) {
            precondition(i >= 0 && i < extent, "Tensor: index \(index) is outside shape \(shape)")
            offset = offset * extent + i
        }
        return offset
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let head = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), scalars: [\(head)\(count > 8 ? ", …" : "")])"
    }
}
