import Encoders
import NN
import Testing

@Suite struct MaskTests {
    let grid = TokenGrid(frames: 4, height: 8, width: 8)

    @Test func blocksHaveTheRequestedScaleAndAspect() {
        var g = SeededGenerator(seed: 3)
        for spec in MultiblockMask.standard {
            for _ in 0..<50 {
                let set = spec.sample(batch: 2, grid: grid, using: &g)
                let area = Double(set.blockHeight * set.blockWidth) / Double(grid.spatial)
                let aspect = Double(set.blockHeight) / Double(set.blockWidth)
                // Whole-token rounding on an 8×8 grid moves the area and aspect by at most about one row or column.
                #expect(abs(area - spec.scale) <= spec.scale * 0.45 + 0.03, "area \(area) for scale \(spec.scale)")
                #expect(aspect >= 0.5 && aspect <= 2.0, "aspect \(aspect)")
                #expect(set.blockHeight < grid.height && set.blockWidth < grid.width)
            }
        }
    }

    @Test func maskedFractionsMatchTheUnionOfBlocks() {
        var g = SeededGenerator(seed: 4)
        let expected = [(0.55, 0.85), (0.75, 0.97)]  // 1 − (1 − 0.15)^8 ≈ 0.73; two 0.7 blocks ≈ 0.9
        for (spec, range) in zip(MultiblockMask.standard, expected) {
            var fractions: [Double] = []
            for _ in 0..<100 {
                let set = spec.sample(batch: 4, grid: grid, using: &g)
                fractions += set.spatialMasked.map { Double($0.filter { $0 }.count) / Double(grid.spatial) }
            }
            let mean = fractions.reduce(0, +) / Double(fractions.count)
            #expect(mean > range.0 && mean < range.1, "mean masked fraction \(mean) for \(spec.blocks) blocks at \(spec.scale)")
        }
    }

    @Test func listsAreSortedDisjointEqualLengthAndSpanAllFrames() {
        var g = SeededGenerator(seed: 5)
        for spec in MultiblockMask.standard {
            let set = spec.sample(batch: 6, grid: grid, using: &g)
            #expect(Set(set.context.map(\.count)).count == 1 && Set(set.target.map(\.count)).count == 1)
            #expect(set.context[0].count >= 2 * grid.frames)
            for b in 0..<6 {
                let (context, target, masked) = (set.context[b], set.target[b], set.spatialMasked[b])
                #expect(context == context.sorted() && target == target.sorted())
                #expect(Set(context).isDisjoint(with: target))
                #expect(context.allSatisfy { !masked[$0 % grid.spatial] } && target.allSatisfy { masked[$0 % grid.spatial] })
                // Before the cut to equal length, a masked position is masked in every frame (tubes through time).
                let full = masked.filter { $0 }.count * grid.frames
                #expect(target.count <= full && target.count >= set.target.map(\.count).min()!)
            }
            let shortest = set.spatialMasked.map { $0.filter { $0 }.count }.min()! * grid.frames
            #expect(set.target[0].count == shortest)
        }
    }

    @Test func sameSeedSameMasks() {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        #expect(MultiblockMask.standard[0].sample(batch: 3, grid: grid, using: &a) == MultiblockMask.standard[0].sample(batch: 3, grid: grid, using: &b))
    }
}
