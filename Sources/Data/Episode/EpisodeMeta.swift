/// The facts about an episode that are not arrays, stored as `meta.json` inside its `.npz` file.
///
/// JSON keys are snake_case. `primitives` names the label ids of the `primitive` array (`primitives[id]`);
/// `extra` holds free-form facts a researcher may need (physics step, action bounds, software version).
public struct EpisodeMeta: Codable, Equatable, Sendable {
    /// The format identifier written into every file.
    public static let currentFormat = "jepalab-episode/1"

    public var format: String
    public var lab: String
    public var policy: String
    /// The episode's index in its dataset (`episode_NNNNNN.npz`).
    public var episodeIndex: Int
    /// The seed the episode was generated from, derived from the dataset seed and the index.
    public var seed: UInt64
    /// Recorded steps per second (the policy rate).
    public var frameRate: Double
    public var width: Int
    public var height: Int
    public var camera: Lab.Camera
    /// The names of the `K` objects, in the order of the `objects` and `contact` arrays.
    public var objects: [String]
    public var primitives: [String]
    /// The meaning of each column of the per-step arrays.
    public var columns: [String: [String]]
    public var extra: [String: String]

    /// The columns of `state`, `action`, `joints` and `objects` (positions in metres, angles in radians, gripper in
    /// [0, 1] open…closed; object orientation as a unit quaternion w, x, y, z).
    public static let standardColumns: [String: [String]] = [
        "state": ["x", "y", "z", "roll", "pitch", "yaw", "gripper"],
        "action": ["dx", "dy", "dz", "droll", "dpitch", "dyaw", "gripper_command"],
        "joints": ["joint1", "joint2", "joint3", "joint4", "joint5", "joint6", "joint7", "finger1", "finger2"],
        "objects": ["x", "y", "z", "qw", "qx", "qy", "qz"],
        "contact": ["bit0: arm or gripper touches", "bit1: pinched between both fingers"],
    ]

    public init(
        lab: String, policy: String, episodeIndex: Int, seed: UInt64, frameRate: Double = 4, width: Int, height: Int,
        camera: Lab.Camera, objects: [String], primitives: [String], extra: [String: String] = [:]
    ) {
        format = EpisodeMeta.currentFormat
        self.lab = lab
        self.policy = policy
        self.episodeIndex = episodeIndex
        self.seed = seed
        self.frameRate = frameRate
        self.width = width
        self.height = height
        self.camera = camera
        self.objects = objects
        self.primitives = primitives
        columns = EpisodeMeta.standardColumns
        self.extra = extra
    }

    enum CodingKeys: String, CodingKey {
        case format, lab, policy, seed, width, height, camera, objects, primitives, columns, extra
        case episodeIndex = "episode_index"
        case frameRate = "frame_rate"
    }
}
