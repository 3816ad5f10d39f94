import Foundation
import Render

/// Collects an episode step by step, as a generator observes it, and computes the actions at the end.
///
/// Call `record` once per policy step (frame and observables at step `t`, and the gripper command the policy
/// issues at `t`), then `finish`. Actions follow the Droid convention: `action[t] = state[t+1] − state[t]` with
/// angle differences wrapped to (−π, π], the gripper column the command issued at `t`, the last row zeros.
public struct EpisodeRecorder: Sendable {
    public let width: Int
    public let height: Int
    public let objectCount: Int
    private var frames = [UInt8]()
    private var state = [Float]()
    private var joints = [Float]()
    private var objects = [Float]()
    private var primitive = [Int]()
    private var contact = [ContactFlags]()
    private var gripperCommand = [Float]()

    /// The number of steps recorded so far.
    public var steps: Int { primitive.count }

    public init(width: Int, height: Int, objectCount: Int) {
        self.width = width
        self.height = height
        self.objectCount = objectCount
    }

    /// Records step `steps`: the rendered frame, the end-effector state `[x, y, z, roll, pitch, yaw, gripper]`, the
    /// 9 joint positions, each object's pose, the primitive label, each object's contacts, and the gripper command.
    public mutating func record(
        frame: RGBImage, state: [Double], joints: [Double], objects: [Pose], primitive: Int,
        contact: [ContactFlags], gripperCommand: Double
    ) throws {
        let step = steps
        guard frame.width == width, frame.height == height else {
            throw DataError.invalid("step \(step): frame is \(frame.width)×\(frame.height), expected \(width)×\(height)")
        }
        guard state.count == Episode.stateWidth, joints.count == Episode.jointWidth else {
            throw DataError.invalid("step \(step): state has \(state.count) values (7 expected), joints \(joints.count) (9 expected)")
        }
        guard objects.count == objectCount, contact.count == objectCount else {
            throw DataError.invalid(
                "step \(step): \(objects.count) object poses and \(contact.count) contact flags, expected \(objectCount) of each")
        }
        frames.append(contentsOf: frame.pixels)
        self.state.append(contentsOf: state.map { Float($0) })
        self.joints.append(contentsOf: joints.map { Float($0) })
        for pose in objects {
            let q = EpisodeRecorder.quaternion(of: pose.rotation)
            self.objects.append(contentsOf: [pose.position.x, pose.position.y, pose.position.z, q.w, q.x, q.y, q.z].map { Float($0) })
        }
        self.primitive.append(primitive)
        self.contact.append(contentsOf: contact)
        self.gripperCommand.append(Float(gripperCommand))
    }

    /// The episode recorded so far, with `meta` (whose size and object names must match the recording).
    public func finish(meta: EpisodeMeta) throws -> Episode {
        guard meta.width == width, meta.height == height, meta.objects.count == objectCount else {
            throw DataError.invalid(
                "episode \(meta.episodeIndex): meta describes \(meta.width)×\(meta.height) frames and "
                    + "\(meta.objects.count) objects; the recording has \(width)×\(height) and \(objectCount)")
        }
        let w = Episode.stateWidth
        var action = [Float](repeating: 0, count: state.count)
        for t in 0..<max(0, steps - 1) {
            for c in 0..<6 {
                var delta = state[(t + 1) * w + c] - state[t * w + c]
                if c >= 3 { delta = Float(remainder(Double(delta), 2 * Double.pi)) }
                action[t * w + c] = delta
            }
            action[t * w + 6] = gripperCommand[t]
        }
        return try Episode(
            meta: meta, frames: frames, state: state, action: action, joints: joints, objects: objects,
            primitive: primitive, contact: contact)
    }

    /// The unit quaternion (w, x, y, z in `.w`, `.x`, `.y`, `.z`) of a rotation, with w ≥ 0.
    static func quaternion(of r: Rotation) -> (w: Double, x: Double, y: Double, z: Double) {
        // Matrix entries m[row][column]; the columns are the images of the axes.
        let (m00, m10, m20) = (r.x.x, r.x.y, r.x.z)
        let (m01, m11, m21) = (r.y.x, r.y.y, r.y.z)
        let (m02, m12, m22) = (r.z.x, r.z.y, r.z.z)
        let trace = m00 + m11 + m22
        var q: (w: Double, x: Double, y: Double, z: Double)
        if trace > 0 {
            let s = (trace + 1).squareRoot() * 2
            q = (0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s)
        } else if m00 > m11, m00 > m22 {
            let s = (1 + m00 - m11 - m22).squareRoot() * 2
            q = ((m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s)
        } else if m11 > m22 {
            let s = (1 + m11 - m00 - m22).squareRoot() * 2
            q = ((m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s)
        } else {
            let s = (1 + m22 - m00 - m11).squareRoot() * 2
            q = ((m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, 0.25 * s)
        }
        let norm = (q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z).squareRoot()
        let sign: Double = q.w < 0 ? -1 : 1
        return (sign * q.w / norm, sign * q.x / norm, sign * q.y / norm, sign * q.z / norm)
    }
}
