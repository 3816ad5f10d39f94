import Tensor

/// What a planner is asked: minimise an energy over action sequences of a fixed horizon inside bounds.
///
/// The planner sees only this: never the predictor, the goal, the simulator or a success signal.
public struct PlanningProblem {
    /// Candidate action sequences `[B, H, 7]` → one energy per candidate `[B]`; lower is better.
    public var energy: (Tensor) -> Tensor
    /// Energies and their gradients with respect to the actions (`[B]`, `[B, H, 7]`), when the energy is
    /// differentiable (needed by `planner/gradient`).
    public var energyGradient: ((Tensor) -> (energies: Tensor, gradient: Tensor))?
    /// Steps per action sequence.
    public var horizon: Int
    public var bounds: ActionBounds
    /// The action `[7]` Gaussian searches (CEM, MPPI) centre their first samples on; nil: the middle of the bounds.
    public var start: [Float]?

    public init(horizon: Int, bounds: ActionBounds, energy: @escaping (Tensor) -> Tensor,
                energyGradient: ((Tensor) -> (energies: Tensor, gradient: Tensor))? = nil) {
        precondition(horizon >= 1, "PlanningProblem: horizon must be at least 1, got \(horizon)")
        self.horizon = horizon
        self.bounds = bounds
        self.energy = energy
        self.energyGradient = energyGradient
    }
}

/// Chooses actions by minimising a problem's energy. Receding horizon: the caller executes the first action of
/// the returned sequence `[H, 7]` and plans again. Deterministic for a seed: the random stream is the planner's
/// state, advanced by every call.
public protocol Planner {
    mutating func plan(_ problem: PlanningProblem) throws -> Tensor
}

/// Why a planner cannot solve a problem.
public enum PlanningError: Error, Equatable, CustomStringConvertible {
    case needsGradient(planner: String)
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .needsGradient(let planner):
            "\(planner) needs the energy's gradient, and this predictor is not differentiable (use planner/cem)"
        case .invalidParameter(let message):
            message
        }
    }
}
