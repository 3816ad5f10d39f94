import Harness

/// The shape of a `predictor/pixels`: the pixel-patch tokens it reads (from `encoder/pixels`) and its transformer.
///
/// The encoder's tokens are `tubelet` copies of a frame's `patch × patch × 3` pixels (a frame encoded alone is
/// repeated into a tubelet); the model works on the first copy, so `patch = imageSize / √encoderTokens` and
/// `latentWidth` must be a multiple of `patch² · 3`.
public struct PixelWorldModelConfig: Codable, Hashable, Sendable {
    public var imageSize: Int
    /// Patch tokens per frame (a square grid: 64 for 8 × 8 patches of 8 pixels at 64 × 64).
    public var encoderTokens: Int
    /// Values per encoder token (`tubelet · patch² · 3`).
    public var latentWidth: Int
    public var width: Int
    public var depth: Int
    public var heads: Int
    public var mlpRatio: Int

    enum CodingKeys: String, CodingKey {
        case imageSize = "image_size", encoderTokens = "encoder_tokens", latentWidth = "latent_width", width, depth, heads
        case mlpRatio = "mlp_ratio"
    }

    public init(imageSize: Int, encoderTokens: Int, latentWidth: Int, width: Int = 128, depth: Int = 4, heads: Int = 4,
                mlpRatio: Int = 4) throws {
        (self.imageSize, self.encoderTokens, self.latentWidth) = (imageSize, encoderTokens, latentWidth)
        (self.width, self.depth, self.heads, self.mlpRatio) = (width, depth, heads, mlpRatio)
        try validate()
    }

    /// Side of the patch grid.
    public var grid: Int { Int(Double(encoderTokens).squareRoot().rounded()) }
    /// Side of a patch in pixels.
    public var patch: Int { imageSize / max(grid, 1) }
    /// Pixel values of one patch of one frame, `patch² · 3`: the width of the target space.
    public var frameWidth: Int { patch * patch * 3 }

    public func validate() throws {
        func fail(_ message: String) -> PlanningError { .invalidParameter("predictor/pixels: " + message) }
        guard encoderTokens > 0, grid * grid == encoderTokens else {
            throw fail("the encoder's \(encoderTokens) tokens per frame are not a square grid")
        }
        guard imageSize > 0, imageSize % grid == 0 else {
            throw fail("\(imageSize)-pixel frames do not split into a \(grid) × \(grid) grid of patches")
        }
        guard latentWidth > 0, latentWidth % frameWidth == 0 else {
            throw fail("tokens of width \(latentWidth) are not whole \(patch) × \(patch) × 3 pixel patches; "
                       + "use encoder/pixels (raw pixel tubelets)")
        }
        guard width > 0, depth > 0, mlpRatio > 0 else { throw fail("width, depth and mlp ratio must be positive") }
        guard heads > 0, width % heads == 0, (width / heads) % 2 == 0, width / heads >= 6 else {
            throw fail("width \(width) must split into \(heads) heads of an even size ≥ 6 (3-D rotary embedding)")
        }
    }
}
