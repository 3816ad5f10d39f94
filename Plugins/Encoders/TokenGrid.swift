import NN

/// The tokens of a clip as a `frames × height × width` grid, numbered time-major then row-major (the order
/// `TubeletEmbedding` produces).
public struct TokenGrid: Equatable, Sendable {
    public let frames: Int
    public let height: Int
    public let width: Int

    public init(frames: Int, height: Int, width: Int) {
        (self.frames, self.height, self.width) = (frames, height, width)
    }

    public var count: Int { frames * height * width }
    public var spatial: Int { height * width }

    /// The token at time `t`, row `h`, column `w`.
    public func index(t: Int, h: Int, w: Int) -> Int { (t * height + h) * width + w }

    /// The (time, row, column) coordinates of token `index`.
    public func coordinates(_ index: Int) -> (t: Int, h: Int, w: Int) {
        (index / spatial, index % spatial / width, index % width)
    }

    /// 3-D rotary tables for every token of the grid, shared by all samples of a batch.
    public func rotary(headDim: Int) -> RotaryEmbedding {
        RotaryEmbedding(frames: frames, height: height, width: width, headDim: headDim)
    }

    /// 3-D rotary tables for per-sample token lists: row `b · K + j` holds the position of token `indices[b][j]`.
    public func rotary(tokens indices: [[Int]], headDim: Int) -> RotaryEmbedding {
        RotaryEmbedding(positions: indices.flatMap { $0 }.map { i in
            let c = coordinates(i)
            return (Float(c.t), Float(c.h), Float(c.w))
        }, headDim: headDim)
    }
}
