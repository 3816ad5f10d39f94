/// Steering toward a waypoint, shared by the scripted policies.
struct Waypoint {
    var position: SIMD3<Double>
    var yaw: Double
    var gripper: Double

    /// The action from `state` toward this waypoint (end effector kept pointing down), clipped to `limits`.
    func action(from state: RobotState, limits: Action.Limits) -> Action {
        Action(translation: position - state.position, rotation: [-state.roll, -state.pitch, yaw - state.yaw],
               gripper: gripper).clipped(to: limits)
    }

    /// Whether `state` is within `tolerance` metres of the waypoint (and 0.05 rad of its yaw).
    func isReached(by state: RobotState, tolerance: Double = 0.006) -> Bool {
        length(state.position - position) < tolerance && abs(state.yaw - yaw) < 0.05
    }
}

extension SceneObject {
    /// The gripper yaw that puts the fingers on two opposite faces (boxes) or anywhere (cups), nearest `current`.
    func graspYaw(for pose: Pose, current: Double) -> Double {
        guard self == .box else { return max(-0.4, min(0.4, current)) }
        let yaw = pose.rotation.eulerAngles.yaw
        let quarter = Double.pi / 2
        return yaw - quarter * (yaw / quarter).rounded()
    }
}
