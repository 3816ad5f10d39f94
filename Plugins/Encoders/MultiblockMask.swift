import Foundation
import Tensor

/// V-JEPA's multiblock 3-D masks: `blocks` rectangles of `scale` of the frame's area (aspect ratio drawn from
/// `aspect`), each repeated through every time step of the clip. Their union is the target (the tokens to
/// predict), the rest the context the encoder sees.
public struct MultiblockMask: Codable, Equatable, Sendable {
    public var blocks: Int
    public var scale: Double
    public var aspect: ClosedRange<Double>

    public init(blocks: Int, scale: Double, aspect: ClosedRange<Double> = 0.75...1.5) {
        (self.blocks, self.scale, self.aspect) = (blocks, scale, aspect)
    }

    /// The paper's two mask sets per clip: 8 small blocks at 0.15 (short range) and 2 large at 0.7 (long range).
    public static let standard = [MultiblockMask(blocks: 8, scale: 0.15), MultiblockMask(blocks: 2, scale: 0.7)]

    /// One mask for each of `batch` clips.
    ///
    /// The block size is drawn once for the batch, the block positions per clip. Context and target lists are then
    /// cut to the shortest in the batch (dropping random tokens), so that they stack into tensors; each list is
    /// sorted. At least `minimumContext` spatial positions stay unmasked (placements are redrawn otherwise).
    public func sample(batch: Int, grid: TokenGrid, minimumContext: Int = 2, using generator: inout SeededGenerator) -> MaskSet {
        let (h, w) = blockSize(grid: grid, using: &generator)
        var spatial: [[Bool]] = []
        for _ in 0..<batch {
            var masked = [Bool](repeating: false, count: grid.spatial)
            for _ in 0..<100 {
                masked = [Bool](repeating: false, count: grid.spatial)
                for _ in 0..<blocks {
                    let top = Int(generator.next() % UInt64(grid.height - h + 1))
                    let left = Int(generator.next() % UInt64(grid.width - w + 1))
                    for r in top..<(top + h) { for c in left..<(left + w) { masked[r * grid.width + c] = true } }
                }
                if masked.filter({ !$0 }).count >= minimumContext { break }
            }
            spatial.append(masked)
        }
        func tokens(_ keep: Bool, _ masked: [Bool]) -> [Int] {
            (0..<grid.count).filter { masked[$0 % grid.spatial] == keep }
        }
        var context = spatial.map { tokens(false, $0) }
        var target = spatial.map { tokens(true, $0) }
        let (kc, kt) = (context.map(\.count).min() ?? 0, target.map(\.count).min() ?? 0)
        context = context.map { MultiblockMask.cut($0, to: kc, using: &generator) }
        target = target.map { MultiblockMask.cut($0, to: kt, using: &generator) }
        return MaskSet(grid: grid, blockHeight: h, blockWidth: w, spatialMasked: spatial, context: context, target: target)
    }

    /// The block's rows and columns: area `scale · H · W`, aspect (rows / columns) drawn uniformly from `aspect`,
    /// kept strictly inside the frame as in V-JEPA.
    func blockSize(grid: TokenGrid, using generator: inout SeededGenerator) -> (Int, Int) {
        let area = scale * Double(grid.spatial)
        let ratio = aspect.lowerBound + Double(generator.nextUnit()) * (aspect.upperBound - aspect.lowerBound)
        var h = Int((area * ratio).squareRoot().rounded()), w = Int((area / ratio).squareRoot().rounded())
        h = max(1, min(h, grid.height - 1))
        w = max(1, min(w, grid.width - 1))
        return (h, w)
    }

    /// `list` with random entries removed until `count` remain, order kept.
    static func cut(_ list: [Int], to count: Int, using generator: inout SeededGenerator) -> [Int] {
        var kept = list
        while kept.count > count { kept.remove(at: Int(generator.next() % UInt64(kept.count))) }
        return kept
    }
}

/// One sampled mask per clip of a batch: sorted token lists of equal length across the batch.
public struct MaskSet: Equatable, Sendable {
    public let grid: TokenGrid
    /// The block size in tokens, shared by the batch.
    public let blockHeight: Int
    public let blockWidth: Int
    /// Per clip, which spatial positions the blocks cover (before the lists were cut to equal length).
    public let spatialMasked: [[Bool]]
    /// Per clip, the tokens the encoder sees.
    public let context: [[Int]]
    /// Per clip, the tokens the predictor must predict.
    public let target: [[Int]]
}
