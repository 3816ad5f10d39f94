import Foundation

/// Something `TrainingLoop` can drive: numbered optimisation steps, and a state that can be saved and restored so
/// that a resumed run continues exactly as an uninterrupted one (derive per-step randomness and data from the step).
public protocol TrainingTask {
    /// Runs optimisation step `step` (0-based) and returns its loss and other figures to log.
    mutating func step(_ step: Int) throws -> StepMetrics
    /// Writes everything needed to resume into `folder` (an empty, existing folder).
    func save(to folder: URL) throws
    /// Restores what `save` wrote.
    mutating func load(from folder: URL) throws
}

/// The figures of one step: the loss and named extras (learning rate, norms, feature statistics), in column order.
public struct StepMetrics: Sendable {
    public var loss: Double
    public var extras: [Extra]

    public struct Extra: Sendable {
        public let name: String
        public let value: Double
        public init(_ name: String, _ value: Double) { (self.name, self.value) = (name, value) }
    }

    public init(loss: Double, extras: [Extra] = []) {
        self.loss = loss
        self.extras = extras
    }

    /// The extra called `name`.
    public subscript(name: String) -> Double? { extras.first { $0.name == name }?.value }
}

/// Why training stopped early.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case nonFinite(step: Int, name: String, value: Double, lastGood: URL?)
    case invalid(String)

    public var description: String {
        switch self {
        case let .nonFinite(step, name, value, lastGood):
            "training stopped at step \(step): \(name) is \(value); "
                + (lastGood.map { "the last good checkpoint is kept at \($0.path)" } ?? "no checkpoint was written yet")
        case .invalid(let reason): reason
        }
    }
}
