/// One policy-step command: an end-effector delta in the base frame plus an absolute gripper command.
///
/// `[dx, dy, dz, droll, dpitch, dyaw, gripper]`: metres and radians (Euler angles of the state, see
/// `PandaKinematics`), gripper 0 open … 1 closed. `World.apply` clips it to its `Limits` before use.
///
/// The gripper acts as an open/close switch: from 0.5 up the fingers close until they meet (or squeeze an object with
/// the grip force), below it they open fully. A continuous command would let a planner match a goal image's fingers
/// resting on an object with a command that touches it without squeezing, so the object slips when lifted.
public struct Action: Hashable, Sendable {
    public var translation: SIMD3<Double>
    public var rotation: SIMD3<Double>
    public var gripper: Double

    /// The gripper command from which the fingers close.
    public static let gripperClosesFrom = 0.5

    public init(translation: SIMD3<Double> = .zero, rotation: SIMD3<Double> = .zero, gripper: Double) {
        self.translation = translation
        self.rotation = rotation
        self.gripper = gripper
    }

    /// An action from its 7 numbers; another count is an error.
    public init(_ vector: [Double]) throws {
        guard vector.count == 7 else { throw SimError.badAction("expected 7 numbers, got \(vector.count)") }
        self.init(translation: [vector[0], vector[1], vector[2]], rotation: [vector[3], vector[4], vector[5]],
                  gripper: vector[6])
    }

    public var vector: [Double] {
        [translation.x, translation.y, translation.z, rotation.x, rotation.y, rotation.z, gripper]
    }

    /// Bounds applied to every action (DESIGN.md: 7.5 cm and 0.25 rad per step by default).
    public struct Limits: Hashable, Sendable, Codable {
        public var translation: Double
        public var rotation: Double
        public init(translation: Double = 0.075, rotation: Double = 0.25) {
            self.translation = translation
            self.rotation = rotation
        }
    }

    /// Each translation and rotation component clipped to the limits, the gripper to [0, 1].
    public func clipped(to limits: Limits) -> Action {
        let t = SIMD3(repeating: limits.translation), r = SIMD3(repeating: limits.rotation)
        return Action(translation: translation.clamped(lowerBound: -t, upperBound: t),
                      rotation: rotation.clamped(lowerBound: -r, upperBound: r), gripper: min(1, max(0, gripper)))
    }
}
