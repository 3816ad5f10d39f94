import Foundation

/// Rotary position embedding tables (cosines and sines `[T, headDim / 2]`) for a sequence of token positions.
///
/// 1-D: channel pair `i` of a token at position `p` turns by `p · base^(−i / P)` with `P = headDim / 2`.
/// 3-D (V-JEPA 2): the head's channels are split into three segments of `2⌊headDim / 6⌋` channels for time, height
/// and width, each rotated by its own coordinate with the 1-D rule over its own pairs; leftover channels stay put.
public struct RotaryEmbedding: Sendable {
    public let cos: Tensor
    public let sin: Tensor

    /// Tables for tokens at the given 1-D positions.
    public init(positions: [Float], headDim: Int, base: Float = 10_000) {
        precondition(headDim % 2 == 0, "RotaryEmbedding: head dimension \(headDim) must be even")
        let pairs = headDim / 2
        let frequencies = (0..<pairs).map { Foundation.pow(base, -Float($0) / Float(pairs)) }
        self.init(angles: positions.map { p in frequencies.map { p * $0 } }, pairs: pairs)
    }

    /// Tables for tokens at the given (time, height, width) grid coordinates, in token order.
    public init(positions: [(t: Float, h: Float, w: Float)], headDim: Int, base: Float = 10_000) {
        precondition(headDim % 2 == 0 && headDim >= 6, "RotaryEmbedding: head dimension \(headDim) must be even and ≥ 6")
        let pairs = headDim / 2
        let segment = (headDim / 3) / 2  // pairs per axis
        let frequencies = (0..<segment).map { Foundation.pow(base, -Float($0) / Float(segment)) }
        self.init(angles: positions.map { p in
            frequencies.map { p.t * $0 } + frequencies.map { p.h * $0 } + frequencies.map { p.w * $0 }
                + [Float](repeating: 0, count: pairs - 3 * segment)
        }, pairs: pairs)
    }

    /// Tables for a full `frames × height × width` grid of tokens, ordered time-major then row-major.
    public init(frames: Int, height: Int, width: Int, headDim: Int, base: Float = 10_000) {
        var positions: [(t: Float, h: Float, w: Float)] = []
        for t in 0..<frames {
            for h in 0..<height {
                for w in 0..<width { positions.append((Float(t), Float(h), Float(w))) }
            }
        }
        self.init(positions: positions, headDim: headDim, base: base)
    }

    private init(angles: [[Float]], pairs: Int) {
        let flat = angles.flatMap { $0 }
        cos = Tensor(shape: [angles.count, pairs], scalars: flat.map { Foundation.cos($0) })
        sin = Tensor(shape: [angles.count, pairs], scalars: flat.map { Foundation.sin($0) })
    }

    /// The number of tokens the tables cover.
    public var tokens: Int { cos.shape[0] }

    /// Rotates the first `channels` channels (default all) of `x` `[…, T, C]`, head by head.
    public func callAsFunction(_ x: Tensor, channels: Int? = nil) -> Tensor {
        Tensor.rotary(x, cos: cos, sin: sin, channels: channels)
    }
}
