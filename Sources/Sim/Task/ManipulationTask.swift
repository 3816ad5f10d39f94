/// A manipulation task with a seeded random start, its goal configuration(s) and its success test
/// (DESIGN.md section 6). Start and goal poses depend only on kind, object and seed, never on the lab: the
/// sampled region (x 0.35…0.68 m, |y| ≤ 0.28 m) is kept free of every built-in lab's distractors.
public struct ManipulationTask: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        case reach
        case grasp
        case reachWithObject = "reach-with-object"
        case pickAndPlace = "pick-and-place"

        /// Parses a name; an unknown name is an error listing the valid ones.
        public init(named name: String) throws {
            guard let kind = Kind(rawValue: name) else {
                throw SimError.unknownTask(name, valid: Kind.allCases.map(\.rawValue))
            }
            self = kind
        }
    }

    public let kind: Kind
    public let object: SceneObject
    public let seed: UInt64
    /// Where the episode starts.
    public let initial: Arrangement
    /// Goal configuration(s) to render goal images from, in the order an agent should reach them: one for reach and
    /// reach-with-object. Grasp and pick-and-place begin with the three images of grasping — the open gripper 8 cm
    /// above the object, around it, closed on it — then grasp lifts the object; pick-and-place carries it lifted
    /// near the target and places it.
    ///
    /// Planners that look one action ahead need each image of that detour: toward the lifted object alone, the hand
    /// stops above the resting object (with the simulator as the predictor: 0 of 8 grasps); toward the gripper around
    /// it, the hand comes in sideways and pushes it away; without the closed gripper on the resting object, the lift
    /// leaves before the fingers hold (BENCHMARKS.md, "Grasp with the oracle").
    public let goals: [Arrangement]
    /// The goal position: of the end effector (reach) or of the object (the other tasks).
    public let goalPosition: SIMD3<Double>
    /// Policy steps an episode runs.
    public var steps: Int {
        switch kind {
        case .reach, .reachWithObject: 20
        case .grasp: 30
        case .pickAndPlace: 50
        }
    }

    /// A task with start and goal drawn from `seed`; start and goal are never already within the success radius.
    public init(kind: Kind, object: SceneObject, seed: UInt64) {
        self.kind = kind
        self.object = object
        self.seed = seed
        var random = SeededRandom(seed: seed)
        let other = object == .cup ? SceneObject.box : .cup
        let yaw = object == .box ? random.uniform(-0.6...0.6) : 0
        let start = Pose(position: [random.uniform(0.42...0.62), random.uniform(-0.18...0.18), object.height / 2],
                         rotation: Rotation(roll: 0, pitch: 0, yaw: yaw))
        let hand = Pose(position: [random.uniform(0.36...0.58), random.uniform(-0.2...0.2), random.uniform(0.2...0.34)],
                        rotation: Rotation(roll: 0, pitch: 0, yaw: random.uniform(-0.4...0.4)))
        func draw(_ x: ClosedRange<Double>, _ y: ClosedRange<Double>, _ z: ClosedRange<Double>,
                  awayFrom points: [SIMD3<Double>], by distance: Double) -> SIMD3<Double> {
            while true {
                let p = SIMD3(random.uniform(x), random.uniform(y), random.uniform(z))
                if points.allSatisfy({ length(p - $0) >= distance }) { return p }
            }
        }
        func holding(_ ee: Pose) -> Pose {
            Pose(position: ee.position + [0, 0, object.height / 2 - object.graspHeight], rotation: ee.rotation)
        }
        func grasped(lift: Double, at p: SIMD3<Double>) -> (ee: Pose, object: Pose) {
            let ee = Pose(position: [p.x, p.y, object.graspHeight + lift], rotation: start.rotation)
            return (ee, holding(ee))
        }
        /// Grasping the resting object: the open gripper above it, around it, closed on it.
        func grasping(_ theirs: Pose) -> [Arrangement] {
            let closed = grasped(lift: 0, at: start.position)
            let above = Pose(position: closed.ee.position + [0, 0, 0.08], rotation: closed.ee.rotation)
            return [arrangement(above, gripper: 0, start, theirs, held: false),
                    arrangement(closed.ee, gripper: 0, start, theirs, held: false),
                    arrangement(closed.ee, gripper: 1, closed.object, theirs, held: true)]
        }
        func arrangement(_ ee: Pose, gripper: Double, _ mine: Pose, _ theirs: Pose, held: Bool) -> Arrangement {
            let poses = object == .cup ? [mine, theirs] : [theirs, mine]
            return Arrangement(endEffector: ee, gripper: gripper, objects: poses, held: held ? object : nil)
        }

        switch kind {
        case .reach:
            let goal = draw(0.35...0.62, -0.22...0.22, 0.14...0.34, awayFrom: [hand.position], by: 0.1)
            let otherPosition = draw(0.38...0.66, -0.26...0.26, 0...0, awayFrom: [start.position], by: 0.16)
            let theirs = Pose(position: otherPosition + [0, 0, other.height / 2])
            initial = arrangement(hand, gripper: 0, start, theirs, held: false)
            goals = [arrangement(Pose(position: goal, rotation: hand.rotation), gripper: 0, start, theirs, held: false)]
            goalPosition = goal
        case .grasp:
            let otherPosition = draw(0.38...0.66, -0.26...0.26, 0...0, awayFrom: [start.position], by: 0.16)
            let theirs = Pose(position: otherPosition + [0, 0, other.height / 2])
            let lifted = grasped(lift: 0.1, at: start.position)
            initial = arrangement(hand, gripper: 0, start, theirs, held: false)
            goals = grasping(theirs) + [arrangement(lifted.ee, gripper: 1, lifted.object, theirs, held: true)]
            goalPosition = lifted.object.position
        case .reachWithObject:
            let ee = Pose(position: hand.position, rotation: start.rotation)
            let mine = holding(ee)
            let goalObject = draw(0.38...0.6, -0.2...0.2, 0.12...0.3, awayFrom: [mine.position], by: 0.1)
            let otherPosition = draw(0.38...0.66, -0.26...0.26, 0...0, awayFrom: [mine.position, goalObject], by: 0.16)
            let theirs = Pose(position: otherPosition + [0, 0, other.height / 2])
            let goalEE = Pose(position: goalObject - (mine.position - ee.position), rotation: ee.rotation)
            initial = arrangement(ee, gripper: 1, mine, theirs, held: true)
            goals = [arrangement(goalEE, gripper: 1, holding(goalEE), theirs, held: true)]
            goalPosition = goalObject
        case .pickAndPlace:
            let target = draw(0.42...0.62, -0.2...0.2, 0...0, awayFrom: [start.position * [1, 1, 0]], by: 0.12)
                + [0, 0, object.height / 2]
            let otherPosition = draw(0.38...0.66, -0.26...0.26, 0...0, awayFrom: [start.position, target], by: 0.16)
            let theirs = Pose(position: otherPosition + [0, 0, other.height / 2])
            let near = grasped(lift: 0.1, at: target)
            let placed = Pose(position: target, rotation: start.rotation)
            let above = Pose(position: [target.x, target.y, object.graspHeight + 0.08], rotation: start.rotation)
            initial = arrangement(hand, gripper: 0, start, theirs, held: false)
            goals = grasping(theirs) + [arrangement(near.ee, gripper: 1, near.object, theirs, held: true),
                                        arrangement(above, gripper: 0, placed, theirs, held: false)]
            goalPosition = target
        }
    }

    /// The task named `kind` on the object named `object`; unknown names are errors listing the valid ones.
    public init(kind: String, object: String, seed: UInt64) throws {
        self.init(kind: try Kind(named: kind), object: try SceneObject(named: object), seed: seed)
    }

    /// Whether `world` is in a success state (privileged: for evaluation and the expert only, never for planners).
    public func success(in world: World) -> Bool {
        let position = world.pose(of: object).position
        switch kind {
        case .reach:
            return length(world.tcp.position - goalPosition) < 0.05
        case .grasp:
            return position.z >= object.height / 2 + 0.05 && world.isHolding(object)
        case .reachWithObject:
            return length(position - goalPosition) < 0.05 && world.isHolding(object)
        case .pickAndPlace:
            let resting = abs(position.z - object.height / 2) < 0.01
                && length(world.objectBodies[object.index].linearVelocity) < 0.05
            return resting && length(position - goalPosition) < 0.05 && world.state.gripper < 0.25
        }
    }
}
