/// Cuts video `[B, T, H, W, C]` into tubelets of `frames × patch × patch` pixels and maps each to a token with one
/// linear layer (`proj`), as V-JEPA's 3-D convolution with stride equal to its kernel does.
///
/// Tokens come out time-major then row-major, `[B, (T / frames) · (H / patch) · (W / patch), D]`. A tubelet's
/// pixels are flattened in (frame, row, column, channel) order, so `proj.weight` is `[D, frames · patch² · C]`.
public struct TubeletEmbedding: Module, Sendable {
    public var proj: Linear
    public let frames: Int
    public let patch: Int
    public let channels: Int

    public init(width: Int, patch: Int, frames: Int = 2, channels: Int = 3, using generator: inout SeededGenerator) {
        proj = Linear(frames * patch * patch * channels, width, using: &generator)
        self.frames = frames
        self.patch = patch
        self.channels = channels
    }

    public func callAsFunction(_ video: Tensor) -> Tensor {
        let s = video.shape
        precondition(s.count == 5 && s[1] % frames == 0 && s[2] % patch == 0 && s[3] % patch == 0 && s[4] == channels,
                     "TubeletEmbedding: video \(s) is not [B, T, H, W, \(channels)] with T a multiple of \(frames) "
                     + "and H, W multiples of \(patch)")
        let (b, t, h, w) = (s[0], s[1] / frames, s[2] / patch, s[3] / patch)
        let tubelets = video
            .reshaped([b, t, frames, h, patch, w, patch, channels])
            .permuted([0, 1, 3, 5, 2, 4, 6, 7])
            .reshaped([b, t * h * w, frames * patch * patch * channels])
        return proj(tubelets)
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try proj.visitParameters(prefix: parameterName(prefix, "proj"), body)
    }
}
