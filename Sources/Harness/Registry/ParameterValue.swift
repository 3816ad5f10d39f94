/// A scalar parameter value as a scenario file or the command line gives it.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    public var description: String {
        switch self {
        case .int(let v): String(v)
        case .double(let v): String(v)
        case .bool(let v): String(v)
        case .string(let v): v
        }
    }

    /// The name of this value's type, as error messages show it.
    public var typeName: String {
        switch self {
        case .int: "integer"
        case .double: "number"
        case .bool: "boolean"
        case .string: "string"
        }
    }

    /// Parses `text` as a value of the same type as `self` (used for `--set key=value` and command-line overrides).
    public func parsingSameType(_ text: String) -> ParameterValue? {
        switch self {
        case .int: Int(text).map(ParameterValue.int)
        case .double: Double(text).map(ParameterValue.double)
        case .bool: Bool(text).map(ParameterValue.bool)
        case .string: .string(text)
        }
    }

    /// This value as the type of `template`, when it converts without loss (an integer where a number is expected).
    func converted(like template: ParameterValue) -> ParameterValue? {
        switch (template, self) {
        case (.int, .int), (.double, .double), (.bool, .bool), (.string, .string): self
        case (.double, .int(let v)): .double(Double(v))
        default: nil
        }
    }
}
