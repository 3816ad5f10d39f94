/// Why an encoder could not be built, trained or evaluated; each message names the value and what is valid.
public enum EncoderError: Error, CustomStringConvertible, Equatable {
    case invalidConfig(String)
    case badInput(String)
    case checkpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidConfig(let reason): "invalid encoder configuration: \(reason)"
        case .badInput(let reason): reason
        case .checkpoint(let path, let reason): "\(path): \(reason)"
        }
    }
}
