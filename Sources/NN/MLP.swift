/// Two linear layers with a GELU between them (`fc1`, `fc2`), the feed-forward part of a transformer block.
public struct MLP: Module, Sendable {
    public var fc1: Linear
    public var fc2: Linear

    public init(_ width: Int, hidden: Int, outputs: Int? = nil, std: Float? = nil, using generator: inout SeededGenerator) {
        fc1 = Linear(width, hidden, std: std, using: &generator)
        fc2 = Linear(hidden, outputs ?? width, std: std, using: &generator)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { fc2(fc1(x).gelu()) }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try fc1.visitParameters(prefix: parameterName(prefix, "fc1"), body)
        try fc2.visitParameters(prefix: parameterName(prefix, "fc2"), body)
    }
}
