/// A component a scenario names, `{id: planner/cem, samples: 800}`: its registry id and the parameters it sets.
public struct ComponentChoice: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    /// The parameters the scenario sets; the rest keep the registry's defaults.
    public let parameters: [String: ParameterValue]
    /// Where it was written, for later messages.
    public let location: SourceLocation
    /// Where each parameter was written.
    public let parameterLocations: [String: SourceLocation]

    public init(id: String, parameters: [String: ParameterValue] = [:], at location: SourceLocation) {
        self.id = id
        self.parameters = parameters
        self.location = location
        parameterLocations = [:]
    }

    /// Reads `{id: kind/name, param: value, …}` (or just `kind/name`) whose kind must be `kind`.
    public init(_ node: ScenarioNode, path: String, kind: ComponentKind) throws {
        location = node.location
        var parameters = [String: ParameterValue](), locations = [String: SourceLocation]()
        if case .scalar = node.content {
            id = try node.string(path)
        } else {
            let fields = try node.fields(path, valid: nil)
            id = try fields.required("id").string(fields.path("id"))
            for entry in fields.all where entry.key != "id" {
                guard let value = entry.value.parameterValue else {
                    throw ScenarioError("\(fields.path(entry.key)) must be a single value, got a \(entry.value.typeName)",
                                        at: entry.value.location)
                }
                parameters[entry.key] = value
                locations[entry.key] = entry.value.location
            }
        }
        guard id.hasPrefix(kind.rawValue + "/"), id.split(separator: "/").count == 2 else {
            throw ScenarioError("\(path) must name a \(kind.rawValue) as \(kind.rawValue)/NAME, got '\(id)'", at: location)
        }
        self.parameters = parameters
        parameterLocations = locations
    }

    /// Every parameter with the registry's defaults filled in, type-checked against `registry`'s spec: an unknown id
    /// or parameter or a wrong type is an error at the place it was written, listing the valid choices.
    public func resolved(in registry: Registry) throws -> [String: ParameterValue] {
        let spec: ComponentSpec
        do {
            spec = try registry.spec(id)
        } catch let error as RegistryError {
            throw ScenarioError(error.description, at: location)
        }
        var values = Dictionary(uniqueKeysWithValues: spec.parameters.map { ($0.name, $0.defaultValue) })
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            let at = parameterLocations[name] ?? location
            guard let template = values[name] else {
                let known = spec.parameters.map(\.name)
                throw ScenarioError("unknown parameter '\(name)' of \(id); its parameters: "
                                    + (known.isEmpty ? "none" : known.joined(separator: ", ")), at: at)
            }
            guard let converted = value.converted(like: template) else {
                throw ScenarioError("\(id).\(name) expects \(template.typeName.withArticle), got the \(value.typeName) '\(value)'", at: at)
            }
            values[name] = converted
        }
        return values
    }

    /// `planner/cem samples=800` style, with the parameters the scenario sets.
    public var description: String {
        parameters.isEmpty ? id : id + " " + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

extension ScenarioNode {
    /// A scalar as a parameter value: plain `true`/`false`, integers and numbers are typed, anything quoted is a
    /// string; nil for lists, mappings and empty values.
    public var parameterValue: ParameterValue? {
        guard case .scalar(let text, let quoted) = content else { return nil }
        if quoted { return .string(text) }
        if let bool = Bool(text) { return .bool(bool) }
        if let int = Int(text) { return .int(int) }
        if let double = Double(text), double.isFinite { return .double(double) }
        return .string(text)
    }
}

extension String {
    /// `an integer`, `a number`: the word with its indefinite article.
    var withArticle: String { (first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + self }
}
