/// Why post-training stopped or could not start.
public enum PosttrainingError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    /// A NaN or infinity in the loss or in a batch's inputs.
    case nonFinite(step: Int, what: String)
    case resumeMismatch(String)

    public var description: String {
        switch self {
        case .invalid(let message):
            message
        case .nonFinite(let step, let what):
            "\(what) at step \(step); stopped without saving (the last checkpoint is intact). "
                + "Lower the learning rate or check the data"
        case .resumeMismatch(let message):
            message
        }
    }
}
