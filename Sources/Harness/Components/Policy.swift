/// Acts directly from an observation and a goal image (the Octo-style baseline), with no planner.
///
/// Returns one action `[dx, dy, dz, droll, dpitch, dyaw, gripper]`.
public protocol Policy {
    /// The side in pixels of the square camera frames (observation and goal) the policy sees.
    var imageSize: Int { get }
    mutating func act(_ observation: Observation, goal: Observation) throws -> [Float]
}
