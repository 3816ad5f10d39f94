/// The task expert: a scripted state machine on privileged state that solves every task (approach above the
/// object, descend, close, lift, carry, lower, open, retreat), retrying a grasp that did not hold.
public struct ExpertPolicy: ScriptedPolicy {
    public let task: ManipulationTask
    private var phase: Primitive
    private var phaseSteps = 0
    private let limits: Action.Limits
    /// Height of the TCP above an object's grasp point when approaching and lifting (m).
    private let clearance = 0.1

    public init(task: ManipulationTask, limits: Action.Limits = .init()) {
        self.task = task
        self.limits = limits
        switch task.kind {
        case .reach: phase = .move
        case .reachWithObject: phase = .carry
        case .grasp, .pickAndPlace: phase = .approach
        }
    }

    public mutating func next(in world: World) -> PolicyStep {
        let state = world.state
        let object = task.object
        let pose = world.pose(of: object)
        let yaw = object.graspYaw(for: pose, current: state.yaw)
        let graspHeight = pose.position.z - object.height / 2 + object.graspHeight
        let holdOffset = object.height / 2 - object.graspHeight
        var waypoint = Waypoint(position: state.position, yaw: state.yaw, gripper: world.gripperCommand)
        phaseSteps += 1
        func advance(to next: Primitive) {
            phase = next
            phaseSteps = 0
        }
        switch phase {
        case .move:
            waypoint = Waypoint(position: task.goalPosition, yaw: state.yaw, gripper: 0)
        case .approach:
            let above = SIMD3(pose.position.x, pose.position.y, graspHeight + clearance)
            let horizontal = length((above - state.position) * [1, 1, 0])
            // Rise first when low and far, so that the fingers never sweep through an object.
            let z = horizontal > 0.03 ? max(above.z, state.position.z) : above.z
            waypoint = Waypoint(position: [above.x, above.y, z], yaw: yaw, gripper: 0)
            if Waypoint(position: above, yaw: yaw, gripper: 0).isReached(by: state, tolerance: 0.01) {
                advance(to: .descend)
            }
        case .descend:
            waypoint = Waypoint(position: [pose.position.x, pose.position.y, graspHeight], yaw: yaw, gripper: 0)
            if waypoint.isReached(by: state, tolerance: 0.004) || phaseSteps > 8 { advance(to: .close) }
        case .close:
            waypoint = Waypoint(position: state.position, yaw: state.yaw, gripper: 1)
            if phaseSteps >= 3 { advance(to: .lift) }
        case .lift:
            let start = task.initial.objects[object.index].position
            let top = start.z - object.height / 2 + object.graspHeight + clearance + 0.02
            waypoint = Waypoint(position: [state.position.x, state.position.y, top], yaw: state.yaw, gripper: 1)
            if state.position.z > top - 0.01 {
                if !world.isHolding(object) {
                    advance(to: .open)
                } else if task.kind == .pickAndPlace {
                    advance(to: .carry)
                }
            }
        case .carry:
            let goal = task.kind == .pickAndPlace
                ? task.goalPosition + [0, 0, clearance - holdOffset]
                : task.goalPosition - [0, 0, holdOffset]
            waypoint = Waypoint(position: goal, yaw: state.yaw, gripper: 1)
            if task.kind == .pickAndPlace && waypoint.isReached(by: state, tolerance: 0.01) { advance(to: .lower) }
            if task.kind == .pickAndPlace && !world.isHolding(object) { advance(to: .open) }
        case .lower:
            let goal = SIMD3(task.goalPosition.x, task.goalPosition.y, object.graspHeight + 0.004)
            waypoint = Waypoint(position: goal, yaw: state.yaw, gripper: 1)
            if waypoint.isReached(by: state, tolerance: 0.006) || phaseSteps > 8 { advance(to: .open) }
        case .open:
            waypoint = Waypoint(position: state.position, yaw: state.yaw, gripper: 0)
            if phaseSteps >= 3 { advance(to: .retreat) }
        case .retreat:
            let up = SIMD3(state.position.x, state.position.y, graspHeight + clearance)
            waypoint = Waypoint(position: up, yaw: state.yaw, gripper: 0)
            if state.position.z > up.z - 0.01 {
                // After a failed grasp, try again; after placing, stay.
                let placed = task.kind == .pickAndPlace && length((pose.position - task.goalPosition) * [1, 1, 0]) < 0.03
                if !placed { advance(to: .approach) }
            }
        }
        return PolicyStep(action: waypoint.action(from: state, limits: limits), primitive: phase)
    }
}
