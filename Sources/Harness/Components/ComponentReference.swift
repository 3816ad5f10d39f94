/// A component named on the command line: `kind/name` with optional parameters, `planner/cem:samples=400,iterations=5`.
///
/// Values are read as the type of the parameter's default, so the registry must know the id.
public struct ComponentReference: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    public let text: [String: String]

    /// Parses `text`; `kind` is prefixed when the id has no kind (`cem` under `.planner` is `planner/cem`).
    public init(parsing reference: String, kind: ComponentKind) throws {
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard let head = parts.first, !head.isEmpty else { throw ComponentReferenceError.empty(kind: kind) }
        id = head.contains("/") ? head : "\(kind.rawValue)/\(head)"
        var text: [String: String] = [:]
        for pair in (parts.count > 1 ? parts[1] : "").split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, !kv[0].isEmpty else { throw ComponentReferenceError.malformed(reference, pair: String(pair)) }
            text[kv[0]] = kv[1]
        }
        self.text = text
    }

    public var description: String {
        text.isEmpty ? id : id + ":" + text.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The overrides typed like the parameters' defaults in `registry`.
    public func overrides(in registry: Registry) throws -> [String: ParameterValue] {
        let spec = try registry.spec(id)
        var values: [String: ParameterValue] = [:]
        for (name, raw) in text {
            guard let parameter = spec.parameters.first(where: { $0.name == name }) else {
                throw RegistryError.unknownParameter(
                    component: id, name: name, known: spec.parameters.map(\.name).joined(separator: ", "))
            }
            guard let value = parameter.defaultValue.parsingSameType(raw) else {
                throw RegistryError.wrongType(component: id, name: name, expected: parameter.defaultValue.typeName, got: raw)
            }
            values[name] = value
        }
        return values
    }

    /// The component's resolved parameters: its defaults in `registry` with this reference's values applied.
    public func parameters(in registry: Registry) throws -> Parameters {
        try Parameters(spec: registry.spec(id), overrides: overrides(in: registry))
    }

    /// Builds the component from `registry`.
    public func make<Component>(in registry: Registry, as type: Component.Type = Component.self) throws -> Component {
        try registry.make(id, as: type, overrides: overrides(in: registry))
    }
}

/// A component reference that cannot be parsed.
public enum ComponentReferenceError: Error, Equatable, CustomStringConvertible {
    case empty(kind: ComponentKind)
    case malformed(String, pair: String)

    public var description: String {
        switch self {
        case .empty(let kind): "empty \(kind.rawValue) name; write e.g. \(kind.rawValue)/NAME:key=value,key=value"
        case .malformed(let reference, let pair): "'\(reference)': '\(pair)' is not key=value"
        }
    }
}
