/// Layer normalisation over the last axis, with a learned scale and shift unless `affine` is false.
public struct LayerNorm: Module, Sendable {
    public var weight: Tensor?
    public var bias: Tensor?
    public let epsilon: Float

    public init(_ width: Int, affine: Bool = true, epsilon: Float = 1e-6) {
        weight = affine ? .ones([width]) : nil
        bias = affine ? .zeros([width]) : nil
        self.epsilon = epsilon
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.layerNorm(x, weight: weight, bias: bias, epsilon: epsilon)
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        if var w = weight, var b = bias {
            try body(parameterName(prefix, "weight"), &w)
            try body(parameterName(prefix, "bias"), &b)
            (weight, bias) = (w, b)
        }
    }
}
