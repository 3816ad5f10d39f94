import Foundation

/// The shape of an Octo-style policy (`policy/octo`): frames of `imageSize` pixels cut into `patch`-pixel patches
/// (the goal image stacked on each frame's channels), `history` frames under a block-causal mask, `readouts` readout
/// tokens per frame, a transformer of `width` × `depth`, and an action head predicting `chunk` future actions. With
/// `proprio`, each frame also gets a token of the end effector's state (Octo leaves it out by default). The `stem`
/// turns a frame into tokens: `conv` (Octo's small convolutional stem, `OctoStem`) or `patch` (one linear layer per
/// patch, ViT's).
public struct OctoConfig: Codable, Equatable, Sendable {
    public var imageSize = 64
    public var patch = 16
    public var history = 2
    public var width = 128
    public var depth = 4
    public var heads = 4
    public var mlpRatio = 4
    public var readouts = 1
    public var chunk = 4
    public var proprio = false
    public var stem = "patch"
    /// Also stack the goal's difference to the frame (goal − frame) on the channels: 9 channels instead of 6.
    public var goalDifference = true
    /// The action head: `regression` (an MLP regressing the chunk) or `diffusion` (`OctoDiffusionHead`).
    public var head = "regression"
    /// Noise levels of the diffusion head.
    public var diffusionSteps = 20

    public init() {}

    enum CodingKeys: String, CodingKey {
        case imageSize = "image_size", patch, history, width, depth, heads, mlpRatio = "mlp_ratio", readouts, chunk, proprio, stem,
             goalDifference = "goal_difference", head, diffusionSteps = "diffusion_steps"
    }

    /// Reads a stored shape; checkpoints written before the diffusion head have a regression head.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        (imageSize, patch, history) = (try c.decode(Int.self, forKey: .imageSize), try c.decode(Int.self, forKey: .patch),
                                       try c.decode(Int.self, forKey: .history))
        (width, depth, heads, mlpRatio) = (try c.decode(Int.self, forKey: .width), try c.decode(Int.self, forKey: .depth),
                                           try c.decode(Int.self, forKey: .heads), try c.decode(Int.self, forKey: .mlpRatio))
        (readouts, chunk, proprio) = (try c.decode(Int.self, forKey: .readouts), try c.decode(Int.self, forKey: .chunk),
                                      try c.decode(Bool.self, forKey: .proprio))
        (stem, goalDifference) = (try c.decode(String.self, forKey: .stem), try c.decode(Bool.self, forKey: .goalDifference))
        head = try c.decodeIfPresent(String.self, forKey: .head) ?? "regression"
        diffusionSteps = try c.decodeIfPresent(Int.self, forKey: .diffusionSteps) ?? 20
    }

    public static let stems = ["conv", "patch"]
    public static let heads = ["regression", "diffusion"]

    /// Input channels per frame: the frame's, the goal's, and with `goalDifference` their difference.
    public var channels: Int { goalDifference ? 9 : 6 }
    /// Patches per side of a frame.
    public var grid: Int { imageSize / patch }
    /// Patch tokens per frame.
    public var patchTokens: Int { grid * grid }
    /// Tokens per frame: the patches, the proprioceptive state (with `proprio`), the readouts (in that order).
    public var tokensPerStep: Int { patchTokens + (proprio ? 1 : 0) + readouts }
    /// Index of the first readout token within a frame's tokens.
    public var firstReadout: Int { patchTokens + (proprio ? 1 : 0) }

    /// Checks that the numbers fit together; the error names the offending value.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw OctoError.invalid("policy/octo: " + message) } }
        try check(imageSize >= 8 && patch >= 1 && imageSize % patch == 0, "image_size \(imageSize) must be a multiple of patch \(patch)")
        try check(OctoConfig.stems.contains(stem), "stem '\(stem)' is not one of \(OctoConfig.stems.joined(separator: ", "))")
        try check(stem != "conv" || (patch >= 2 && patch & (patch - 1) == 0), "the conv stem needs a power-of-two patch, got \(patch)")
        try check(history >= 1 && history <= 8, "history \(history) must be in 1...8")
        try check(width >= 8 && heads >= 1 && width % heads == 0 && (width / heads) % 2 == 0,
                  "width \(width) must be a multiple of 2 × heads (\(heads))")
        try check(depth >= 1 && mlpRatio >= 1, "depth \(depth) and mlp_ratio \(mlpRatio) must be ≥ 1")
        try check(readouts >= 1 && readouts <= 16, "readouts \(readouts) must be in 1...16")
        try check(chunk >= 1 && chunk <= 16, "chunk \(chunk) must be in 1...16")
        try check(OctoConfig.heads.contains(head), "head '\(head)' is not one of \(OctoConfig.heads.joined(separator: ", "))")
        try check(diffusionSteps >= 1 && diffusionSteps <= 1000, "diffusion_steps \(diffusionSteps) must be in 1...1000")
    }
}

/// Why an Octo-style policy could not be built, trained or loaded.
public enum OctoError: Error, CustomStringConvertible, Equatable {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let message): message
        }
    }
}
