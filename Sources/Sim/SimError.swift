/// Errors of the simulated world: bad names, bad actions, a physics blow-up.
public enum SimError: Error, Equatable, CustomStringConvertible {
    case unknownLab(String, valid: [String])
    case unknownTask(String, valid: [String])
    case unknownObject(String, valid: [String])
    case unknownPrimitive(Int)
    case badAction(String)
    case blowUp(step: Int, detail: String)
    case snapshotMismatch(String)

    public var description: String {
        switch self {
        case let .unknownLab(name, valid): "unknown lab '\(name)'; labs: \(valid.joined(separator: ", "))"
        case let .unknownTask(name, valid): "unknown task '\(name)'; tasks: \(valid.joined(separator: ", "))"
        case let .unknownObject(name, valid): "unknown object '\(name)'; objects: \(valid.joined(separator: ", "))"
        case let .unknownPrimitive(value): "unknown primitive label \(value); labels are 0…\(Primitive.allCases.count - 1)"
        case let .badAction(detail): "bad action: \(detail)"
        case let .blowUp(step, detail): "physics blew up at physics step \(step): \(detail)"
        case let .snapshotMismatch(detail): "snapshot does not fit this world: \(detail)"
        }
    }
}
