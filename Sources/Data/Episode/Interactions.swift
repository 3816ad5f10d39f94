import Sim

/// What an episode did with its objects, computed from its arrays alone (so the generator, the manifest and any
/// later check agree). An episode counts if it did the thing with at least one object:
///
/// - `touched`: the arm or gripper touched the object (`ContactFlags.touch` at some step).
/// - `graspAttempted`: the gripper was commanded closed (command ≥ 0.5) while open (state gripper < 0.5) with the
///   end effector within `reach` of the object's centre.
/// - `grasped`: the object was pinched between both fingers (`ContactFlags.pinch`) at some step.
/// - `lifted`: while pinched, the object was at least `liftHeight` above its initial height.
/// - `carried`: while pinched and lifted, the object was at least `carryDistance` from its initial position on the
///   table plane.
public struct Interactions: Codable, Equatable, Sendable {
    public static let reach = 0.08
    public static let liftHeight = 0.05
    public static let carryDistance = 0.10

    public var touched = false
    public var graspAttempted = false
    public var grasped = false
    public var lifted = false
    public var carried = false

    public init(touched: Bool = false, graspAttempted: Bool = false, grasped: Bool = false, lifted: Bool = false,
                carried: Bool = false) {
        self.touched = touched
        self.graspAttempted = graspAttempted
        self.grasped = grasped
        self.lifted = lifted
        self.carried = carried
    }

    enum CodingKeys: String, CodingKey {
        case touched, grasped, lifted, carried
        case graspAttempted = "grasp_attempted"
    }

    /// The interactions of `episode`.
    public init(_ episode: Episode) {
        let k = episode.objectCount
        let (s, o) = (Episode.stateWidth, Episode.objectWidth)
        for t in 0..<episode.steps {
            for j in 0..<k {
                let flags = episode.contact[t * k + j]
                let at = (t * k + j) * o
                let start = j * o
                let position = SIMD3<Double>(
                    Double(episode.objects[at]), Double(episode.objects[at + 1]), Double(episode.objects[at + 2]))
                let initial = SIMD3<Double>(
                    Double(episode.objects[start]), Double(episode.objects[start + 1]), Double(episode.objects[start + 2]))
                let hand = SIMD3<Double>(
                    Double(episode.state[t * s]), Double(episode.state[t * s + 1]), Double(episode.state[t * s + 2]))
                let closing = episode.action[t * s + 6] >= Float(Action.gripperClosesFrom) && episode.state[t * s + 6] < 0.5
                let near = ((hand - position) * (hand - position)).sum() <= Interactions.reach * Interactions.reach
                let raised = position.z - initial.z >= Interactions.liftHeight
                let moved = (position.x - initial.x) * (position.x - initial.x)
                    + (position.y - initial.y) * (position.y - initial.y)
                    >= Interactions.carryDistance * Interactions.carryDistance
                touched = touched || flags.contains(.touch) || flags.contains(.pinch)
                graspAttempted = graspAttempted || (closing && near)
                grasped = grasped || flags.contains(.pinch)
                lifted = lifted || (flags.contains(.pinch) && raised)
                carried = carried || (flags.contains(.pinch) && raised && moved)
            }
        }
    }
}
