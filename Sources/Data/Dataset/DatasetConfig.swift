/// What defines a dataset: every episode file is a function of these values and the episode's index, so runs with
/// the same configuration (in any sharding, interrupted or not) write identical files.
public struct DatasetConfig: Codable, Equatable, Sendable {
    public var episodes: Int
    public var seed: UInt64
    /// The lab the episodes are recorded in.
    public var lab: String
    /// The scripted policy, e.g. `play` or `expert`.
    public var policy: String
    /// Recorded steps (frames) per episode.
    public var frames: Int
    /// Frame width and height in pixels.
    public var size: Int

    public init(episodes: Int, seed: UInt64, lab: String, policy: String, frames: Int, size: Int) throws {
        guard episodes >= 1, episodes <= 1_000_000 else {
            throw DataError.invalid("episodes must be in 1...1000000 (file names have six digits), got \(episodes)")
        }
        guard frames >= 2 else { throw DataError.invalid("frames per episode must be at least 2, got \(frames)") }
        guard size >= 8, size <= 1024 else { throw DataError.invalid("frame size must be in 8...1024 pixels, got \(size)") }
        self.episodes = episodes
        self.seed = seed
        self.lab = lab
        self.policy = policy
        self.frames = frames
        self.size = size
    }

    /// The metadata `episode` must carry to belong to this dataset as episode `index`, or nil when it does.
    func mismatch(of meta: EpisodeMeta, steps: Int, index: Int) -> String? {
        let wanted = DatasetPlan.episodeSeed(datasetSeed: seed, index: index)
        var faults = [String]()
        if meta.episodeIndex != index { faults.append("episode index \(meta.episodeIndex) (expected \(index))") }
        if meta.seed != wanted { faults.append("seed \(meta.seed) (expected \(wanted))") }
        if meta.lab != lab { faults.append("lab '\(meta.lab)' (expected '\(lab)')") }
        if meta.policy != policy { faults.append("policy '\(meta.policy)' (expected '\(policy)')") }
        if steps != frames { faults.append("\(steps) frames (expected \(frames))") }
        if meta.width != size || meta.height != size {
            faults.append("\(meta.width)×\(meta.height) frames (expected \(size)×\(size))")
        }
        return faults.isEmpty ? nil : faults.joined(separator: ", ")
    }
}
