/// The shape of a video ViT and of the narrow predictor that mask-denoising trains beside it.
///
/// Tokens are tubelets of `tubelet` frames × `patch` × `patch` pixels. The defaults are sized to pre-train on a
/// 2-core CPU in under 30 minutes (see BENCHMARKS.md): 64×64 frames give 8×8 tokens per tubelet.
public struct ViTConfig: Codable, Equatable, Sendable {
    public var imageSize = 64
    public var patch = 8
    public var tubelet = 2
    public var width = 96
    public var depth = 4
    public var heads = 4
    public var mlpRatio = 4
    public var predictorWidth = 64
    public var predictorDepth = 3
    public var predictorHeads = 4

    public init() {}

    /// Tokens along one side of a frame.
    public var side: Int { imageSize / patch }
    /// Tokens of one tubelet (and of one frame encoded alone).
    public var tokensPerTubelet: Int { side * side }
    /// Scalars of one tubelet's pixels: `tubelet · patch² · 3`.
    public var tubeletPixels: Int { tubelet * patch * patch * 3 }

    /// The token grid of a clip of `frames` frames at `size` pixels (default `imageSize`).
    public func grid(frames: Int, size: Int? = nil) -> TokenGrid {
        let s = (size ?? imageSize) / patch
        return TokenGrid(frames: frames / tubelet, height: s, width: s)
    }

    /// Throws a message naming the first field that cannot work.
    public func validate() throws {
        let checks: [(Bool, String)] = [
            (patch > 0 && imageSize % patch == 0, "imageSize \(imageSize) must be a multiple of patch \(patch)"),
            (tubelet > 0, "tubelet \(tubelet) must be positive"),
            (width % heads == 0 && (width / heads) % 2 == 0 && width / heads >= 6,
             "width \(width) / heads \(heads) must be an even head width ≥ 6"),
            (predictorWidth % predictorHeads == 0 && (predictorWidth / predictorHeads) % 2 == 0
                && predictorWidth / predictorHeads >= 6,
             "predictorWidth \(predictorWidth) / predictorHeads \(predictorHeads) must be an even head width ≥ 6"),
            (depth >= 1 && predictorDepth >= 1, "depth \(depth) and predictorDepth \(predictorDepth) must be ≥ 1"),
        ]
        if let failed = checks.first(where: { !$0.0 }) { throw EncoderError.invalidConfig(failed.1) }
    }
}
