/// A fully connected layer `y = x · weightᵀ + bias` over the last axis; `weight` is `[out, in]` as in PyTorch.
public struct Linear: Module, Sendable {
    public var weight: Tensor
    public var bias: Tensor?

    /// A layer with weights drawn uniformly from `±1/√inputs` (PyTorch's default) or, when `std` is given, from a
    /// normal distribution with that deviation; the bias starts at zero.
    public init(_ inputs: Int, _ outputs: Int, bias: Bool = true, std: Float? = nil, using generator: inout SeededGenerator) {
        if let std {
            weight = .randomNormal([outputs, inputs], std: std, using: &generator)
        } else {
            let bound = 1 / Float(inputs).squareRoot()
            weight = .randomUniform([outputs, inputs], in: -bound...bound, using: &generator)
        }
        self.bias = bias ? .zeros([outputs]) : nil
    }

    public var inputs: Int { weight.shape[1] }
    public var outputs: Int { weight.shape[0] }

    public func callAsFunction(_ x: Tensor) -> Tensor { Tensor.linear(x, weight: weight, bias: bias) }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try body(parameterName(prefix, "weight"), &weight)
        if var b = bias {
            try body(parameterName(prefix, "bias"), &b)
            bias = b
        }
    }
}
