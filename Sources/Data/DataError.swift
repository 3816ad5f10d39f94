/// Why an episode, a manifest or a dataset folder could not be written, read or trusted. Every message names the
/// file (or folder) and what is wrong with it.
public enum DataError: Error, Equatable, CustomStringConvertible {
    /// A file that cannot be read as what it should be: truncated, corrupt, or of the wrong layout.
    case corruptFile(path: String, reason: String)
    /// A file whose SHA-256 differs from the one its manifest records.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// Arguments or arrays that do not fit together.
    case invalid(String)
    /// A dataset folder that fails verification; every problem found is listed.
    case inconsistentDataset(directory: String, problems: [String])

    public var description: String {
        switch self {
        case .corruptFile(let path, let reason):
            "\(path): \(reason)"
        case .checksumMismatch(let path, let expected, let actual):
            "\(path): SHA-256 is \(actual) but the manifest records \(expected); the file is corrupt"
        case .invalid(let message):
            message
        case .inconsistentDataset(let directory, let problems):
            "\(directory) is not a consistent dataset (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}

/// A format violation found while parsing bytes; the caller adds the file's path.
struct FormatFailure: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
