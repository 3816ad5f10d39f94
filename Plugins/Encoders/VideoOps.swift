import NN

/// Pixel-level clip operations shared by the trainers and the pixel encoder.
public enum VideoOps {
    /// The pixels of every tubelet, `[B, T, H, W, 3]` → `[B, N, tubelet · patch² · 3]`, tokens in `TubeletEmbedding`'s
    /// order and pixels in its (frame, row, column, channel) order.
    public static func tubelets(_ clips: Tensor, tubelet: Int, patch: Int) -> Tensor {
        let s = clips.shape
        let (b, t, h, w, c) = (s[0], s[1] / tubelet, s[2] / patch, s[3] / patch, s[4])
        return clips.reshaped([b, t, tubelet, h, patch, w, patch, c])
            .permuted([0, 1, 3, 5, 2, 4, 6, 7])
            .reshaped([b, t * h * w, tubelet * patch * patch * c])
    }

    /// The first half of the frames at half the size (2×2 average pooling), for progressive resolution.
    public static func halved(_ clips: Tensor) -> Tensor {
        let s = clips.shape
        let (b, t, h, w, c) = (s[0], s[1] / 2, s[2] / 2, s[3] / 2, s[4])
        return clips.slice(alongAxis: 1, 0..<t)
            .reshaped([b, t, h, 2, w, 2, c])
            .mean(alongAxis: 5).mean(alongAxis: 3)
    }

    /// Each frame repeated `times` times in a row: `[N, H, W, 3]` → `[N, times, H, W, 3]` (a frame as a tubelet).
    public static func repeatedFrames(_ frames: Tensor, times: Int) -> Tensor {
        let s = frames.shape
        let one = frames.reshaped([s[0], 1, s[1], s[2], s[3]])
        return Tensor.concatenate([Tensor](repeating: one, count: times), alongAxis: 1)
    }

    /// The collapse watch: for features `[B, N, D]`, each (token, dimension)'s standard deviation across the `B`
    /// clips, averaged. Features that ignore the clip's content (constant, or a function of position alone) give 0.
    public static func meanFeatureStd(_ features: Tensor) -> Double {
        let (b, rest) = (features.shape[0], features.count / max(features.shape[0], 1))
        var sum = [Double](repeating: 0, count: rest), squares = [Double](repeating: 0, count: rest)
        features.withUnsafeBufferPointer { p in
            for i in 0..<b {
                for j in 0..<rest {
                    let v = Double(p[i * rest + j])
                    sum[j] += v
                    squares[j] += v * v
                }
            }
        }
        let n = Double(max(b, 1))
        return (0..<rest).map { j in max(0, squares[j] / n - (sum[j] / n) * (sum[j] / n)).squareRoot() }.reduce(0, +) / Double(max(rest, 1))
    }
}
