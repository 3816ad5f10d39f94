/// Where a value of a scenario came from: a file's line and column (1-based), or a command-line `--set`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `scenarios/table2.yaml:14:7`, or the `--set` argument for values given on the command line.
    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}

/// A scenario that cannot be read, validated or run; the message names the place and the valid choices.
public struct ScenarioError: Error, Equatable, CustomStringConvertible {
    public let location: SourceLocation?
    public let message: String

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.location = location
        self.message = message
    }

    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
