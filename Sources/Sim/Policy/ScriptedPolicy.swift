/// A scripted controller that reads the world's privileged state: the task expert and the play policy.
/// Planners and learned policies never get a `World`; they get observations.
public protocol ScriptedPolicy {
    /// The next action and the primitive it belongs to.
    mutating func next(in world: World) -> PolicyStep
}

/// One step of a scripted policy.
public struct PolicyStep: Hashable, Sendable {
    public var action: Action
    public var primitive: Primitive
    public init(action: Action, primitive: Primitive) {
        self.action = action
        self.primitive = primitive
    }
}

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

extension World {
    /// Applies `steps` actions of `policy`, returning each step taken.
    @discardableResult
    public func run<P: ScriptedPolicy>(_ policy: inout P, steps: Int) throws -> [PolicyStep] {
        var taken: [PolicyStep] = []
        for _ in 0..<steps {
            let step = policy.next(in: self)
            try apply(step.action)
            taken.append(step)
        }
        return taken
    }
}
