import Harness
import Tensor

/// A real, trivial encoder for tests: each `patch × patch` block of a frame becomes one token holding the block's
/// mean colour, repeated `repeats` times along the channels.
struct PatchMeanEncoder: Encoder {
    let imageSize: Int
    let patch: Int
    let repeats: Int

    var tokensPerFrame: Int { (imageSize / patch) * (imageSize / patch) }
    var latentWidth: Int { 3 * repeats }

    func encodeFrames(_ frames: Tensor) -> Tensor {
        let (n, s, g) = (frames.shape[0], imageSize, imageSize / patch)
        let x = frames.scalars
        var out = [Float](repeating: 0, count: n * g * g * latentWidth)
        for f in 0..<n {
            for row in 0..<s {
                for col in 0..<s {
                    let token = (f * g + row / patch) * g + col / patch
                    for c in 0..<3 {
                        let value = x[((f * s + row) * s + col) * 3 + c] / Float(patch * patch)
                        for r in 0..<repeats { out[token * latentWidth + r * 3 + c] += value }
                    }
                }
            }
        }
        return Tensor(shape: [n, g * g, latentWidth], scalars: out)
    }

    func encodeClips(_ clips: Tensor) -> Tensor {
        let (b, t) = (clips.shape[0], clips.shape[1])
        return encodeFrames(clips.reshaped([b * t] + Array(clips.shape.dropFirst(2)))).reshaped([b, t * tokensPerFrame, latentWidth])
    }
}
