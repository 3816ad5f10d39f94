/// A layer or model: a value holding named parameter tensors, possibly inside sub-modules.
///
/// A module lists its parameters through one method, `visitParameters`, which hands each tensor with its full
/// dotted name (`blocks.0.attn.qkv.weight`, the checkpoint key) to a closure that may replace it. Collecting,
/// loading, differentiating and optimising are all built on that.
public protocol Module {
    /// Calls `body` with every parameter's full name (prefixed by `prefix`) and the tensor, in a stable order.
    mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows
}

/// Gradients (or any per-parameter tensors) keyed by parameter name.
public typealias NamedTensors = [String: Tensor]

/// Joins a prefix and a name with a dot (`"blocks.0" + "attn"`); an empty prefix adds nothing.
public func parameterName(_ prefix: String, _ name: String) -> String {
    prefix.isEmpty ? name : prefix + "." + name
}

extension Module {
    /// Every parameter with its name, in visiting order.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        var copy = self
        var list: [(String, Tensor)] = []
        copy.visitParameters(prefix: "") { name, tensor in list.append((name, tensor)) }
        return list
    }

    /// Every parameter keyed by name.
    public var parameters: NamedTensors {
        Dictionary(namedParameters.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
    }

    /// The number of scalars over all parameters.
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.tensor.count } }

    /// Replaces every parameter with the tensor of the same name in `values`.
    ///
    /// Throws when a parameter is missing or has another shape; extra entries are an error too unless
    /// `allowingExtra` (for files that also hold other tensors).
    public mutating func load(_ values: NamedTensors, allowingExtra: Bool = false) throws {
        var used = Set<String>()
        try visitParameters(prefix: "") { name, tensor in
            guard let value = values[name] else {
                throw ModuleError.missingParameter(name: name, available: values.keys.sorted())
            }
            guard value.shape == tensor.shape else {
                throw ModuleError.shapeMismatch(name: name, expected: tensor.shape, found: value.shape)
            }
            tensor = value.detached
            used.insert(name)
        }
        let extra = Set(values.keys).subtracting(used)
        if !allowingExtra && !extra.isEmpty {
            throw ModuleError.unexpectedParameters(names: extra.sorted())
        }
    }

    /// The value of `loss` at this module and its gradient with respect to every parameter, by name.
    public func valueWithGradient(_ loss: (Self) throws -> Tensor) rethrows -> (value: Float, gradients: NamedTensors) {
        let named = namedParameters
        let (value, grads) = try Tensor.valueWithGradient(at: named.map(\.tensor)) { tracked in
            var model = self
            var index = 0
            model.visitParameters(prefix: "") { _, tensor in
                tensor = tracked[index]
                index += 1
            }
            return try loss(model)
        }
        return (value.scalar, Dictionary(zip(named.map(\.name), grads), uniquingKeysWith: { a, _ in a }))
    }
}

/// Errors of loading parameters into a module.
public enum ModuleError: Error, CustomStringConvertible, Equatable {
    case missingParameter(name: String, available: [String])
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    case unexpectedParameters(names: [String])

    public var description: String {
        switch self {
        case let .missingParameter(name, available):
            return "parameter \(name) is missing; the file has: \(available.joined(separator: ", "))"
        case let .shapeMismatch(name, expected, found):
            return "parameter \(name) has shape \(found) in the file, the model needs \(expected)"
        case let .unexpectedParameters(names):
            return "the file has parameters the model does not: \(names.joined(separator: ", "))"
        }
    }
}
