/// A configuration of the scene to place the world in: end-effector pose, gripper, object poses.
///
/// Used for initial states and for goal states (which the renderer turns into goal images). When `held` names an
/// object, its pose should be between the fingers and the gripper is set to the object's width.
public struct Arrangement: Hashable, Sendable {
    /// End-effector pose (state frame: z up when pointing down, see `RobotState`).
    public var endEffector: Pose
    /// 0 open … 1 closed.
    public var gripper: Double
    /// Pose of each `SceneObject`, in `SceneObject.allCases` order.
    public var objects: [Pose]
    /// The object held between the fingers, if any.
    public var held: SceneObject?

    public init(endEffector: Pose, gripper: Double, objects: [Pose], held: SceneObject? = nil) {
        self.endEffector = endEffector
        self.gripper = gripper
        self.objects = objects
        self.held = held
    }

    /// Arm at the ready pose, gripper open, cup and box on the table in front of it.
    public static let home = Arrangement(
        endEffector: Pose(position: [0.45, 0, 0.3]), gripper: 0,
        objects: [Pose(position: [0.5, 0.12, SceneObject.cup.height / 2]),
                  Pose(position: [0.5, -0.12, SceneObject.box.height / 2])])
}

extension Arrangement {
    /// A random scene for free play: the arm above the table, gripper open, cup and box apart on the table
    /// (box turned at random), all in the task region that no built-in lab's distractor occupies.
    public static func random(seed: UInt64) -> Arrangement {
        var random = SeededRandom(seed: seed)
        let hand = Pose(position: [random.uniform(0.36...0.58), random.uniform(-0.2...0.2), random.uniform(0.15...0.34)],
                        rotation: Rotation(roll: 0, pitch: 0, yaw: random.uniform(-0.5...0.5)))
        let cup = SIMD2(random.uniform(0.4...0.64), random.uniform(-0.22...0.22))
        var box = cup
        while ((box - cup) * (box - cup)).sum() < 0.14 * 0.14 {
            box = SIMD2(random.uniform(0.4...0.64), random.uniform(-0.22...0.22))
        }
        let yaw = random.uniform(-0.8...0.8)
        return Arrangement(
            endEffector: hand, gripper: 0,
            objects: [Pose(position: [cup.x, cup.y, SceneObject.cup.height / 2]),
                      Pose(position: [box.x, box.y, SceneObject.box.height / 2], rotation: Rotation(roll: 0, pitch: 0, yaw: yaw))])
    }
}
