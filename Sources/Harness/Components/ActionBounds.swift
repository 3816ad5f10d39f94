import Sim

/// A box of allowed actions, axis by axis. An axis whose lower and upper bounds are equal is not searched: the
/// planner holds it at that value (the paper's planners hold the rotation at zero).
public struct ActionBounds: Hashable, Sendable {
    public var lower: [Float]
    public var upper: [Float]

    public init(lower: [Float], upper: [Float]) {
        precondition(lower.count == upper.count && zip(lower, upper).allSatisfy { $0 <= $1 },
                     "ActionBounds: lower \(lower) and upper \(upper) must have equal lengths with lower ≤ upper")
        self.lower = lower
        self.upper = upper
    }

    /// The paper's largest position step per axis, 7.5 cm: the world's own limit on an action (`Action.Limits`).
    public static let paperMaxStep = Float(Action.Limits().translation)

    /// The paper's search space: each position delta within `±maxStep` metres, rotation held at zero, gripper
    /// command in [0, 1].
    public static func positionAndGripper(maxStep: Float = paperMaxStep) -> ActionBounds {
        ActionBounds(lower: [-maxStep, -maxStep, -maxStep, 0, 0, 0, 0], upper: [maxStep, maxStep, maxStep, 0, 0, 0, 1])
    }

    /// These bounds with `axis` held at `value`: a planner no longer searches it.
    public func holding(_ axis: Int, at value: Float) -> ActionBounds {
        var bounds = self
        bounds.lower[axis] = value
        bounds.upper[axis] = value
        return bounds
    }

    /// The number of axes.
    public var width: Int { lower.count }

    /// The axes a planner searches (lower < upper).
    public var searchedAxes: [Int] { (0..<width).filter { lower[$0] < upper[$0] } }

    /// The middle of the box.
    public var centre: [Float] { zip(lower, upper).map { ($0 + $1) / 2 } }

    /// `value` on `axis` clipped into the box.
    @inline(__always) public func clip(_ value: Float, axis: Int) -> Float { min(max(value, lower[axis]), upper[axis]) }
}
