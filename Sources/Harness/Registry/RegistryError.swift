/// Why a component could not be registered or built; every message names what is valid instead.
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    case malformedID(String)
    case duplicate(String)
    case unknownComponent(id: String, known: [String])
    case wrongKind(id: String, expected: String)
    case unknownParameter(component: String, name: String, known: String)
    case wrongType(component: String, name: String, expected: String, got: String)

    public var description: String {
        switch self {
        case .malformedID(let id):
            "'\(id)' is not a component id of the form kind/name with kind one of "
                + ComponentKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .duplicate(let id):
            "'\(id)' is registered twice"
        case .unknownComponent(let id, let known):
            "unknown component '\(id)'; registered: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .wrongKind(let id, let expected):
            "'\(id)' is not usable as \(expected)"
        case .unknownParameter(let component, let name, let known):
            "\(component) has no parameter '\(name)'; its parameters: \(known)"
        case .wrongType(let component, let name, let expected, let got):
            "\(component).\(name) expects a \(expected), got '\(got)'"
        }
    }
}
