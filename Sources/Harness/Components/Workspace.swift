/// The box the hand is kept inside while planning: a safety limit of the MPC loop, as on a real arm, applied to
/// every planner through its action bounds.
///
/// The default is the table-top region that play data covers (98.5 % of its hand positions) and that every task's
/// start and goal lie in. Outside it a learned predictor has seen no data, and a planner that exploits its errors
/// there leaves the task region for good.
public struct Workspace: Hashable, Sendable {
    public var lower: SIMD3<Float>
    public var upper: SIMD3<Float>

    public init(lower: SIMD3<Float>, upper: SIMD3<Float>) {
        precondition(all(lower .< upper), "Workspace: lower \(lower) must be below upper \(upper) on every axis")
        self.lower = lower
        self.upper = upper
    }

    /// x 0.33–0.68 m, y ±0.26 m, z 0.015–0.36 m in the arm's base frame.
    public static let tableTop = Workspace(lower: [0.33, -0.26, 0.015], upper: [0.68, 0.26, 0.36])
}

extension ActionBounds {
    /// These bounds with each position step (axes 0–2) narrowed so that `position` plus the step stays inside
    /// `workspace`; from outside the box the step points back toward it. Other axes are unchanged.
    public func keeping(_ position: SIMD3<Float>, inside workspace: Workspace) -> ActionBounds {
        var bounds = self
        for axis in 0..<3 {
            let (low, high) = (lower[axis], upper[axis])
            bounds.lower[axis] = min(max(workspace.lower[axis] - position[axis], low), high)
            bounds.upper[axis] = max(min(workspace.upper[axis] - position[axis], high), bounds.lower[axis])
        }
        return bounds
    }
}
