/// The end-effector state of DESIGN.md: `[x, y, z, roll, pitch, yaw, gripper]` in the base frame.
///
/// Position of the TCP (metres); Euler angles (`Rotation.eulerAngles`) of the end-effector frame, which reads
/// (0, 0, 0) for a gripper pointing straight down with its fingers moving along x; gripper 0 open … 1 closed,
/// measured from the fingers.
public struct RobotState: Hashable, Sendable {
    public var position: SIMD3<Double>
    public var roll: Double
    public var pitch: Double
    public var yaw: Double
    public var gripper: Double

    public init(position: SIMD3<Double>, roll: Double, pitch: Double, yaw: Double, gripper: Double) {
        self.position = position
        self.roll = roll
        self.pitch = pitch
        self.yaw = yaw
        self.gripper = gripper
    }

    public var vector: [Double] { [position.x, position.y, position.z, roll, pitch, yaw, gripper] }

    /// The end-effector pose.
    public var pose: Pose { Pose(position: position, rotation: Rotation(roll: roll, pitch: pitch, yaw: yaw)) }
}
