/// A command-line override `--set key.path=value` of a scenario value.
///
/// The value is typed against the value it replaces (an integer stays an integer) or, for a component parameter the
/// file does not set, against the parameter's default in the registry. `[a, b]` and `{k: v}` are read as YAML.
/// List items are addressed by index (`eval.methods.0.planner.samples=400`).
public struct SetOverride: Sendable, Equatable {
    public let path: [String]
    public let text: String

    /// Parses `key.path=value`.
    public init(parsing argument: String) throws {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let path = parts[0].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !path.contains(where: \.isEmpty) else {
            throw ScenarioError("--set \(argument): expected key.path=value, e.g. eval.trials=20")
        }
        self.path = path
        text = parts[1]
    }

    /// How the override is written on the command line.
    public var argument: String { path.joined(separator: ".") + "=" + text }

    /// `tree` with this override applied.
    public func apply(to tree: ScenarioNode, registry: Registry) throws -> ScenarioNode {
        let describe = "--set \(argument)"
        let location = SourceLocation(file: describe, line: 0, column: 0)
        var value: ScenarioNode
        if text.hasPrefix("[") || text.hasPrefix("{") {
            value = try ScenarioNode.parse(yaml: text, file: describe)
            value.location = location
        } else {
            value = ScenarioNode(.scalar(text, quoted: false), at: location)
        }
        let key = path.joined(separator: ".")
        if case .scalar(let new, _) = value.content {
            if let existing = tree.node(at: path), let old = existing.parameterValue {
                value = try typed(new, like: old, what: "\(key) holds \(old.typeName.withArticle) (\(old) at \(existing.location))",
                                  location: location)
            } else if tree.node(at: path) == nil, path.count >= 2,
                      let id = tree.node(at: Array(path.dropLast()))?["id"].flatMap({ try? $0.string("id") }),
                      let spec = try? registry.spec(id) {
                guard let parameter = spec.parameters.first(where: { $0.name == path.last }) else {
                    let known = spec.parameters.map(\.name)
                    throw ScenarioError("\(id) has no parameter '\(path.last ?? "")'; its parameters: "
                                        + (known.isEmpty ? "none" : known.joined(separator: ", ")), at: location)
                }
                value = try typed(new, like: parameter.defaultValue, what: "\(id).\(parameter.name) is \(parameter.defaultValue.typeName.withArticle)",
                                  location: location)
            }
        }
        return try tree.setting(path[...], to: value, describe: describe)
    }

    private func typed(_ text: String, like template: ParameterValue, what: String, location: SourceLocation) throws -> ScenarioNode {
        let parsed: ParameterValue? = switch template {
        case .double: Double(text).map(ParameterValue.double)
        default: template.parsingSameType(text)
        }
        guard parsed != nil else { throw ScenarioError("\(what); '\(text)' is not one", at: location) }
        if case .string = template { return ScenarioNode(.scalar(text, quoted: true), at: location) }
        return ScenarioNode(.scalar(text, quoted: false), at: location)
    }
}
