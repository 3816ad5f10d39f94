/// A Droid-like play policy for data generation: noisy sequences of primitives on random objects, with failures.
///
/// Each sequence is either a free `move` to a random point, or an interaction with the cup or the box: `approach`
/// above it, `descend`, `close`, `lift`, then `carry` to a random spot, `lower` and `open` (or drop it in the
/// air), and `retreat`. Targets carry Gaussian noise, and now and then a large offset that makes the grasp miss;
/// every action carries small noise. Each step is labelled with its primitive. Deterministic for a seed.
public struct PlayPolicy: ScriptedPolicy {
    private var random: SeededRandom
    private let limits: Action.Limits
    private var queue: [Primitive] = []
    private var primitive = Primitive.move
    private var steps = 0
    private var budget = 0
    private var object = SceneObject.cup
    /// Offset of the grasp from the object's centre (noise, sometimes a miss).
    private var offset = SIMD3<Double>.zero
    private var target = SIMD3<Double>.zero
    private var yaw = 0.0
    private var gripper = 0.0

    public init(seed: UInt64, limits: Action.Limits = .init()) {
        random = SeededRandom(seed: seed)
        self.limits = limits
    }

    public mutating func next(in world: World) -> PolicyStep {
        let state = world.state
        if budget == 0 || isDone(world, state) {
            if queue.isEmpty { plan(state) }
            start(queue.removeFirst(), world, state)
        }
        budget -= 1
        steps += 1
        let waypoint = Waypoint(position: goal(world, state), yaw: yaw, gripper: gripper)
        var action = waypoint.action(from: state, limits: limits)
        action.translation += SIMD3(random.normal(), random.normal(), random.normal()) * 0.004
        action.rotation.z += random.normal() * 0.01
        return PolicyStep(action: action.clipped(to: limits), primitive: primitive)
    }

    /// Chooses the next sequence of primitives.
    private mutating func plan(_ state: RobotState) {
        if random.uniform(0...1) < 0.25 {
            queue = [.move]
            return
        }
        object = random.uniform(0...1) < 0.5 ? .cup : .box
        let miss = random.uniform(0...1) < 0.15
        offset = miss ? SIMD3(random.uniform(-0.05...0.05), random.uniform(-0.05...0.05), 0)
            : SIMD3(random.normal() * 0.006, random.normal() * 0.006, random.normal() * 0.004)
        let drop = random.uniform(0...1) < 0.2
        queue = [.approach, .descend, .close, .lift] + (drop ? [.open, .retreat] : [.carry, .lower, .open, .retreat])
    }

    /// Begins `next`, drawing its target.
    private mutating func start(_ next: Primitive, _ world: World, _ state: RobotState) {
        primitive = next
        steps = 0
        budget = 8
        switch next {
        case .move:
            target = [random.uniform(0.35...0.65), random.uniform(-0.25...0.25), random.uniform(0.06...0.35)]
            yaw = max(-1.2, min(1.2, state.yaw + random.normal() * 0.4))
            gripper = random.uniform(0...1) < 0.5 ? 0 : 1
        case .approach:
            yaw = object.graspYaw(for: world.pose(of: object), current: state.yaw) + random.normal() * 0.05
            gripper = 0
        case .close:
            gripper = 1
            budget = 3
        case .open:
            gripper = 0
            budget = 3
        case .lift:
            target = [0, 0, random.uniform(0.08...0.2)]
        case .carry:
            target = [random.uniform(0.4...0.65), random.uniform(-0.22...0.22), random.uniform(0.08...0.2)]
        case .descend, .lower, .retreat:
            break
        }
    }

    /// Where the end effector should go during the current primitive.
    private func goal(_ world: World, _ state: RobotState) -> SIMD3<Double> {
        let pose = world.pose(of: object)
        let grasp = pose.position.z - object.height / 2 + object.graspHeight
        switch primitive {
        case .move: return target
        case .approach: return SIMD3(pose.position.x, pose.position.y, grasp + 0.1) + offset * [1, 1, 0]
        case .descend: return SIMD3(pose.position.x, pose.position.y, grasp) + offset
        case .close, .open: return state.position
        case .lift: return SIMD3(state.position.x, state.position.y, object.graspHeight + target.z)
        case .carry: return target
        case .lower: return SIMD3(target.x, target.y, object.graspHeight + 0.006)
        case .retreat: return SIMD3(state.position.x, state.position.y, max(state.position.z, 0.12) + 0.05)
        }
    }

    /// Whether the current primitive has reached its target.
    private func isDone(_ world: World, _ state: RobotState) -> Bool {
        switch primitive {
        case .close, .open: return false
        case .retreat: return steps >= 2
        default: return Waypoint(position: goal(world, state), yaw: yaw, gripper: gripper).isReached(by: state, tolerance: 0.01)
        }
    }
}
