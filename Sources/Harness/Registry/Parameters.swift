/// A component's resolved parameters: its defaults with a scenario's overrides applied and type-checked.
public struct Parameters: Sendable {
    public let componentID: String
    private let values: [String: ParameterValue]

    /// Resolves `overrides` against `spec`; unknown names and wrong types are errors naming the valid choices.
    init(spec: ComponentSpec, overrides: [String: ParameterValue]) throws {
        var values = Dictionary(uniqueKeysWithValues: spec.parameters.map { ($0.name, $0.defaultValue) })
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let template = values[name] else {
                let known = spec.parameters.map(\.name).joined(separator: ", ")
                throw RegistryError.unknownParameter(
                    component: spec.id, name: name, known: known.isEmpty ? "none" : known)
            }
            guard let converted = value.converted(like: template) else {
                throw RegistryError.wrongType(
                    component: spec.id, name: name, expected: template.typeName, got: value.description)
            }
            values[name] = converted
        }
        componentID = spec.id
        self.values = values
    }

    public func int(_ name: String) -> Int {
        guard case .int(let v) = value(name) else { preconditionFailure("\(componentID).\(name) is not an integer") }
        return v
    }

    public func double(_ name: String) -> Double {
        guard case .double(let v) = value(name) else { preconditionFailure("\(componentID).\(name) is not a number") }
        return v
    }

    public func bool(_ name: String) -> Bool {
        guard case .bool(let v) = value(name) else { preconditionFailure("\(componentID).\(name) is not a boolean") }
        return v
    }

    public func string(_ name: String) -> String {
        guard case .string(let v) = value(name) else { preconditionFailure("\(componentID).\(name) is not a string") }
        return v
    }

    private func value(_ name: String) -> ParameterValue {
        guard let v = values[name] else { preconditionFailure("\(componentID) declares no parameter \(name)") }
        return v
    }
}
