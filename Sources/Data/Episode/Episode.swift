import Render

/// One recorded episode: `T` steps of frames, end-effector state, action, joints, object poses, primitive labels and
/// contacts, as stored in an `episode_NNNNNN.npz` file. Arrays are flat, row-major, with the shapes given.
///
/// `action[t] = state[t+1] − state[t]` (angles wrapped to (−π, π]; the gripper column is the commanded value) and the
/// last action row is zeros. The initialiser checks that every array fits `T`, `K` and the frame size.
public struct Episode: Equatable, Sendable {
    public static let stateWidth = 7
    public static let actionWidth = 7
    public static let jointWidth = 9
    public static let objectWidth = 7

    public let meta: EpisodeMeta
    /// uint8 `[T, H, W, 3]`, rows top to bottom, `H = meta.height`, `W = meta.width`.
    public let frames: [UInt8]
    /// `[T, 7]`: x, y, z, roll, pitch, yaw, gripper.
    public let state: [Float]
    /// `[T, 7]`: dx, dy, dz, droll, dpitch, dyaw, gripper command; the last row is zeros.
    public let action: [Float]
    /// `[T, 9]`: seven arm joint angles, two finger positions.
    public let joints: [Float]
    /// `[T, K, 7]`: each object's position and orientation quaternion (w, x, y, z).
    public let objects: [Float]
    /// `[T]`: the scripted primitive under way at each step, an index into `meta.primitives`.
    public let primitive: [Int]
    /// `[T, K]`: contacts with each object during each step.
    public let contact: [ContactFlags]

    /// The number of recorded steps `T`.
    public var steps: Int { primitive.count }
    /// The number of objects `K`.
    public var objectCount: Int { meta.objects.count }

    public init(
        meta: EpisodeMeta, frames: [UInt8], state: [Float], action: [Float], joints: [Float], objects: [Float],
        primitive: [Int], contact: [ContactFlags]
    ) throws {
        let t = primitive.count
        let k = meta.objects.count
        let expected: [(String, Int, Int, String)] = [
            ("frames", frames.count, t * meta.height * meta.width * 3, "[\(t), \(meta.height), \(meta.width), 3]"),
            ("state", state.count, t * Episode.stateWidth, "[\(t), 7]"),
            ("action", action.count, t * Episode.actionWidth, "[\(t), 7]"),
            ("joints", joints.count, t * Episode.jointWidth, "[\(t), 9]"),
            ("objects", objects.count, t * k * Episode.objectWidth, "[\(t), \(k), 7]"),
            ("contact", contact.count, t * k, "[\(t), \(k)]"),
        ]
        guard t > 0, meta.width > 0, meta.height > 0 else {
            throw DataError.invalid(
                "episode \(meta.episodeIndex) has \(t) steps and \(meta.width)×\(meta.height) frames; both must be positive")
        }
        for (name, count, wanted, shape) in expected where count != wanted {
            throw DataError.invalid(
                "episode \(meta.episodeIndex): \(name) has \(count) values; shape \(shape) needs \(wanted)")
        }
        if let bad = primitive.first(where: { $0 < 0 || $0 >= meta.primitives.count }) {
            throw DataError.invalid(
                "episode \(meta.episodeIndex): primitive label \(bad) is not an index into \(meta.primitives)")
        }
        self.meta = meta
        self.frames = frames
        self.state = state
        self.action = action
        self.joints = joints
        self.objects = objects
        self.primitive = primitive
        self.contact = contact
    }

    /// Frame `t` as an image.
    public func frame(_ t: Int) -> RGBImage {
        let size = meta.width * meta.height * 3
        return RGBImage(width: meta.width, height: meta.height, pixels: Array(frames[(t * size)..<((t + 1) * size)]))
    }
}
