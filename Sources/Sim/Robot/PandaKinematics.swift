import Foundation

/// The Franka Panda's published kinematic chain (PANDA.md) and the geometric facts of our model of it.
///
/// Link frame i is `frame[i-1] · Translation(offset[i]) · R(rpy[i]) · Rz(q[i])`, with the arm base at the world
/// origin on the table top. The tool-centre point (TCP) sits 0.1034 m beyond the flange, between the finger pads;
/// the end-effector frame of the state is the TCP frame turned by π about its x axis, so that a gripper pointing
/// straight down reads roll = pitch = 0 (no ±π wrap-around in the state).
public enum PandaKinematics {
    public static let jointCount = 7
    static let offsets: [SIMD3<Double>] = [
        [0, 0, 0.333], [0, 0, 0], [0, -0.316, 0], [0.0825, 0, 0], [-0.0825, 0.384, 0], [0, 0, 0], [0.088, 0, 0],
    ]
    static let fixedRolls: [Double] = [0, -.pi / 2, .pi / 2, .pi / 2, -.pi / 2, .pi / 2, .pi / 2]
    static let fixedRotations: [Rotation] = fixedRolls.map { Rotation(roll: $0, pitch: 0, yaw: 0) }
    public static let lowerLimits: [Double] = [-2.8973, -1.7628, -2.8973, -3.0718, -2.8973, -0.0175, -2.8973]
    public static let upperLimits: [Double] = [2.8973, 1.7628, 2.8973, -0.0698, 2.8973, 3.7525, 2.8973]
    public static let maxVelocities: [Double] = [2.175, 2.175, 2.175, 2.175, 2.61, 2.61, 2.61]
    public static let maxTorques: [Double] = [87, 87, 87, 87, 12, 12, 12]
    /// Rotor inertia of each joint's motor as the joint feels it through the gearbox (kg·m²; MuJoCo's `armature`), the
    /// MuJoCo peer scene's value. Without it the light links let a torque-limited motor jolt its joint within a step.
    public static let armature = 0.1
    /// Link masses (kg), link 7 including the hand.
    static let masses: [Double] = [2.7, 2.73, 2.04, 2.08, 3.0, 1.3, 1.01]
    /// The ready pose: TCP about 0.31 m in front of the base, 0.49 m high, pointing down, the hand turned a quarter
    /// turn from Franka's (the last joint at −π/4, not π/4) so that the fingers open along x.
    public static let home: [Double] = [0, -.pi / 4, 0, -3 * .pi / 4, 0, .pi / 2, -.pi / 4]
    static let flangeOffset = 0.107
    /// Hand frame relative to the flange.
    static let hand = Pose(position: [0, 0, 0], rotation: Rotation(roll: 0, pitch: 0, yaw: -.pi / 4))
    /// TCP relative to the hand frame.
    static let tcpDepth = 0.1034
    /// Where the fingers start, along the hand's z.
    static let fingerBase = 0.0584
    /// Finger pad size (x along the hand's x, y the pad thickness, z its length).
    static let fingerSize: SIMD3<Double> = [0.022, 0.012, 0.054]
    /// Largest opening of each finger (total opening twice this).
    public static let maxFingerTravel = 0.04
    /// State frame relative to the TCP frame: z turned up, and x along the fingers' travel, so that yaw 0 opens the
    /// fingers along the base's x, across every lab's side view (along the view, open and closed look alike).
    static let stateFromTCP = Rotation(roll: 0, pitch: 0, yaw: .pi / 2).composed(with: Rotation(roll: .pi, pitch: 0, yaw: 0))

    /// Writes the 7 link frames, then the flange, hand and TCP frames (10 poses) for joint angles `q` into `frames`.
    static func forward(_ q: [Double], into frames: inout [Pose]) {
        var frame = Pose.identity
        for i in 0..<jointCount {
            frame = Pose(position: frame.apply(offsets[i]),
                         rotation: frame.rotation.composed(with: fixedRotations[i]).composed(with: zRotation(q[i])))
            frames[i] = frame
        }
        let flange = Pose(position: frame.apply([0, 0, flangeOffset]), rotation: frame.rotation)
        let hand = flange.composed(with: hand)
        frames[7] = flange
        frames[8] = hand
        frames[9] = Pose(position: hand.apply([0, 0, tcpDepth]), rotation: hand.rotation)
    }

    /// The 10 frames of `forward(_:into:)` as a new array.
    public static func frames(_ q: [Double]) -> [Pose] {
        var frames = [Pose](repeating: .identity, count: 10)
        forward(q, into: &frames)
        return frames
    }

    /// The end-effector pose of the state (TCP position, state-frame rotation) from the TCP frame.
    static func endEffector(tcp: Pose) -> Pose {
        Pose(position: tcp.position, rotation: tcp.rotation.composed(with: stateFromTCP))
    }

    /// The TCP frame for an end-effector pose of the state.
    static func tcp(endEffector: Pose) -> Pose {
        Pose(position: endEffector.position, rotation: endEffector.rotation.composed(with: stateFromTCP.inverse))
    }

    static func zRotation(_ angle: Double) -> Rotation {
        let c = cos(angle), s = sin(angle)
        return Rotation(x: [c, s, 0], y: [-s, c, 0], z: [0, 0, 1])
    }
}
