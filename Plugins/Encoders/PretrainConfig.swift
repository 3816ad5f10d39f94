/// Everything that fixes a mask-denoising pre-training run, stored in its checkpoints.
public struct PretrainConfig: Codable, Equatable, Sendable {
    /// What the predictor regresses at the masked tokens.
    public enum Objective: String, Codable, Sendable, CaseIterable {
        /// V-JEPA: the layer-normed features of an EMA target encoder (representation space).
        case representation
        /// Masked autoencoder: the tubelet's pixels, normalised per tubelet (pixel space).
        case pixels
    }

    public var vit = ViTConfig()
    public var objective = Objective.representation
    public var masks = MultiblockMask.standard
    public var steps = 3000
    public var batchSize = 16
    /// Frames per training clip (a multiple of the tubelet).
    public var clipFrames = 4
    public var learningRate = 5e-4
    public var finalLearningRate = 1e-6
    /// Fractions of `steps` spent warming up and decaying (the rest is constant).
    public var warmupFraction = 0.1
    public var decayFraction = 0.2
    public var weightDecay = 0.04
    public var gradientClip = 1.0
    /// The target encoder's EMA momentum rises linearly from `emaStart` to `emaEnd` over the run.
    public var emaStart = 0.99
    public var emaEnd = 1.0
    /// Progressive resolution: before the decay phase, clips of half the frames at half the size.
    public var progressive = false
    /// A collapse is reported when the target features' across-clip standard deviation (`target_std`) ends below
    /// this fraction of its value at the first step.
    public var collapseThreshold = 0.1
    public var seed: UInt64 = 0

    public init() {}

    public var warmupSteps: Int { Int((Double(steps) * warmupFraction).rounded()) }
    public var decaySteps: Int { Int((Double(steps) * decayFraction).rounded()) }
    public var decayStart: Int { steps - decaySteps }

    /// Throws a message naming the first setting that cannot work.
    public func validate() throws {
        try vit.validate()
        let checks: [(Bool, String)] = [
            (steps >= 1, "steps \(steps) must be ≥ 1"),
            (batchSize >= 1, "batch size \(batchSize) must be ≥ 1"),
            (clipFrames >= vit.tubelet && clipFrames % vit.tubelet == 0,
             "clip frames \(clipFrames) must be a positive multiple of the tubelet \(vit.tubelet)"),
            (!progressive || (clipFrames / 2) % vit.tubelet == 0 && (vit.imageSize / 2) % vit.patch == 0,
             "progressive resolution halves clips to \(clipFrames / 2) frames of \(vit.imageSize / 2) pixels, which must fit tubelet \(vit.tubelet) and patch \(vit.patch)"),
            (!masks.isEmpty && masks.allSatisfy { $0.blocks >= 1 && $0.scale > 0 && $0.scale < 1 },
             "masks need ≥ 1 block and a scale in (0, 1)"),
            (learningRate > 0 && warmupFraction + decayFraction <= 1, "learning rate must be positive, warmup + decay ≤ 1"),
        ]
        if let failed = checks.first(where: { !$0.0 }) { throw EncoderError.invalidConfig(failed.1) }
    }
}
