/// What defines a dataset: every episode file is a function of these values and the episode's index, so runs with
/// the same configuration (in any sharding, interrupted or not) write identical files.
public struct DatasetConfig: Codable, Equatable, Sendable {
    /// Whether every episode is drawn in the lab as defined, or in a variation of it drawn from the episode's seed.
    public enum Appearance: String, Codable, CaseIterable, Sendable {
        /// The lab exactly as defined.
        case fixed
        /// Domain randomisation: colours, textures, light, camera and distractors vary per episode (`Lab.varied`).
        case varied
    }

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
    public var appearance: Appearance

    public init(
        episodes: Int, seed: UInt64, lab: String, policy: String, frames: Int, size: Int, appearance: Appearance = .fixed
    ) throws {
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
        self.appearance = appearance
    }

    /// Reads a configuration; manifests written before `appearance` existed are `fixed`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        episodes = try c.decode(Int.self, forKey: .episodes)
        seed = try c.decode(UInt64.self, forKey: .seed)
        lab = try c.decode(String.self, forKey: .lab)
        policy = try c.decode(String.self, forKey: .policy)
        frames = try c.decode(Int.self, forKey: .frames)
        size = try c.decode(Int.self, forKey: .size)
        appearance = try c.decodeIfPresent(Appearance.self, forKey: .appearance) ?? .fixed
    }

    /// The metadata `episode` must carry to belong to this dataset as episode `index`, or nil when it does.
    func mismatch(of meta: EpisodeMeta, steps: Int, index: Int) -> String? {
        let wanted = DatasetPlan.episodeSeed(datasetSeed: seed, index: index)
        var faults = [String]()
        if meta.episodeIndex != index { faults.append("episode index \(meta.episodeIndex) (expected \(index))") }
        if meta.seed != wanted { faults.append("seed \(meta.seed) (expected \(wanted))") }
        if meta.lab != lab { faults.append("lab '\(meta.lab)' (expected '\(lab)')") }
        let recorded = meta.extra["appearance"] ?? Appearance.fixed.rawValue
        if recorded != appearance.rawValue { faults.append("appearance '\(recorded)' (expected '\(appearance.rawValue)')") }
        if meta.policy != policy { faults.append("policy '\(meta.policy)' (expected '\(policy)')") }
        if steps != frames { faults.append("\(steps) frames (expected \(frames))") }
        if meta.width != size || meta.height != size {
            faults.append("\(meta.width)×\(meta.height) frames (expected \(size)×\(size))")
        }
        return faults.isEmpty ? nil : faults.joined(separator: ", ")
    }
}
