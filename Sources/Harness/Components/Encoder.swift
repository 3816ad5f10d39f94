import Tensor

/// A video encoder: frames in, patch-token latents out.
///
/// Frames are Float32 in [0, 1], channels last. Implementations live in `Plugins/Encoders` and register as
/// `encoder/NAME`; a trained encoder takes its checkpoint path as a parameter.
public protocol Encoder {
    /// Side of the square frames it takes, in pixels.
    var imageSize: Int { get }
    /// Tokens produced for one frame encoded alone.
    var tokensPerFrame: Int { get }
    /// Width of each token.
    var latentWidth: Int { get }

    /// Encodes each frame on its own, as V-JEPA 2-AC does (a frame duplicated into a tubelet):
    /// `[N, H, W, 3]` → `[N, tokensPerFrame, latentWidth]`.
    func encodeFrames(_ frames: Tensor) -> Tensor

    /// Encodes clips as video: `[B, T, H, W, 3]` → `[B, tokens, latentWidth]`.
    func encodeClips(_ clips: Tensor) -> Tensor
}
