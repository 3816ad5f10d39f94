/// Acts directly from an observation and a goal image (the Octo-style baseline), with no planner.
///
/// Returns one action `[dx, dy, dz, droll, dpitch, dyaw, gripper]`.
public protocol Policy {
    mutating func act(_ observation: Observation, goal: Observation) throws -> [Float]
}
