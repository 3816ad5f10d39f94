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
