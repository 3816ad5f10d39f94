import Foundation
import NN
import Tensor

/// Octo's small convolutional stem, for `[N, S, S, C]` images: `log2(patch)` convolutions of 3 × 3 pixels with stride
/// 2 (replicate padding), each but the last followed by a layer norm over channels and a GELU, with 32, 64, 128, …
/// channels and `width` in the last, giving `(S / patch)²` tokens of `width` per image, row-major.
///
/// A convolution is an im2col gather of each output position's 3 × 3 neighbourhood (`Tensor.gather`, differentiable)
/// followed by one linear layer over the gathered `9 · C` values (`convs.K.weight` is `[out, 9 · in]`, taps row-major,
/// channels fastest).
public struct OctoStem: Module, Sendable {
    public var convs: [Linear]
    public var norms: [LayerNorm]
    public let imageSize: Int

    public init(imageSize: Int, patch: Int, channels: Int, width: Int, using generator: inout SeededGenerator) {
        let layers = max(1, Int(log2(Double(patch)).rounded()))
        let outputs = (0..<layers).map { $0 == layers - 1 ? width : 32 << $0 }
        let inputs = [channels] + outputs.dropLast()
        convs = zip(inputs, outputs).map { Linear(9 * $0, $1, using: &generator) }
        norms = outputs.dropLast().map { LayerNorm($0) }
        self.imageSize = imageSize
    }

    /// Tokens `[N, (S / 2^layers)², width]` of images `[N, S, S, C]`.
    public func callAsFunction(_ images: Tensor) -> Tensor {
        let n = images.shape[0]
        var side = imageSize
        var x = images.reshaped([n, side * side, images.shape[3]])
        for (k, conv) in convs.enumerated() {
            let taps = OctoStem.taps(side: side)
            side /= 2
            let gathered = x.gather(tokens: [[Int]](repeating: taps, count: n))
            x = conv(gathered.reshaped([n, side * side, 9 * x.shape[2]]))
            if k < norms.count { x = norms[k](x).gelu() }
        }
        return x
    }

    /// For each output position of a stride-2 3 × 3 convolution over a `side × side` grid, the 9 input positions
    /// (row-major taps; positions outside the grid clamped to its edge).
    static func taps(side: Int) -> [Int] {
        var indices = [Int]()
        indices.reserveCapacity(side * side / 4 * 9)
        for oy in 0..<(side / 2) {
            for ox in 0..<(side / 2) {
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let y = min(max(2 * oy - 1 + ky, 0), side - 1), x = min(max(2 * ox - 1 + kx, 0), side - 1)
                        indices.append(y * side + x)
                    }
                }
            }
        }
        return indices
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        for i in convs.indices { try convs[i].visitParameters(prefix: parameterName(prefix, "convs.\(i)"), body) }
        for i in norms.indices { try norms[i].visitParameters(prefix: parameterName(prefix, "norms.\(i)"), body) }
    }
}
