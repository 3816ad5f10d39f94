/// A mini-batch of `B` clips of `k` consecutive steps, as flat row-major Float32 arrays ready for a `Tensor`.
///
/// Frames are normalised to [0, 1] (byte / 255). `actions[b, j]` is the action taken at step `j` of clip `b`
/// (`state[j+1] − state[j]`), so the last action of a clip that ends at an episode's last step is zeros.
public struct ClipBatch: Equatable, Sendable {
    public let batchSize: Int
    public let clipLength: Int
    public let height: Int
    public let width: Int
    /// `[B, k, H, W, 3]` in [0, 1].
    public internal(set) var frames: [Float]
    /// `[B, k, 7]`: x, y, z, roll, pitch, yaw, gripper.
    public internal(set) var states: [Float]
    /// `[B, k, 7]`.
    public internal(set) var actions: [Float]
    /// `[B, k]`: primitive labels (indices into the episodes' `meta.primitives`).
    public internal(set) var primitives: [Int]
    /// `[B]`: each clip's episode index and first step.
    public internal(set) var episodes: [Int]
    public internal(set) var starts: [Int]

    init(batchSize: Int, clipLength: Int, height: Int, width: Int) {
        self.batchSize = batchSize
        self.clipLength = clipLength
        self.height = height
        self.width = width
        frames = []
        states = []
        actions = []
        primitives = []
        episodes = []
        starts = []
        frames.reserveCapacity(batchSize * clipLength * height * width * 3)
        states.reserveCapacity(batchSize * clipLength * 7)
        actions.reserveCapacity(batchSize * clipLength * 7)
    }

    public var frameShape: [Int] { [batchSize, clipLength, height, width, 3] }
    public var stateShape: [Int] { [batchSize, clipLength, Episode.stateWidth] }
    public var actionShape: [Int] { [batchSize, clipLength, Episode.actionWidth] }
}
