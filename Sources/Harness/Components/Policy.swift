import Render

/// Acts directly from an observation and a goal image (the Octo-style baseline), with no planner.
///
/// Returns one action `[dx, dy, dz, droll, dpitch, dyaw, gripper]`. The goal is the image alone: like a planner, a
/// policy never sees the goal's state.
public protocol Policy {
    /// The side in pixels of the square camera frames (observation and goal) the policy sees.
    var imageSize: Int { get }
    mutating func act(_ observation: Observation, goal: RGBImage) throws -> [Float]
}
