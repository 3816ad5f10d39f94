import Foundation
import Testing

/// Writes two 64×64 moving-square datasets for trying `jepalab pretrain` and `jepalab probe` before simulator data
/// exist: `JEPALAB_TOY_DATASET=DIR swift test -c release --filter writeToyDatasets` makes `DIR/squares-train` (300
/// episodes of 32 steps) and `DIR/squares-lab-b` (60 episodes, another background: the "unseen lab").
@Suite struct ToyDatasetTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["JEPALAB_TOY_DATASET"] != nil))
    func writeToyDatasets() throws {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["JEPALAB_TOY_DATASET"]!)
        _ = try MovingSquares.dataset(episodes: 300, steps: 32, size: 64, seed: 1, noise: 30, lab: "train",
                                      folder: root.appendingPathComponent("squares-train"))
        _ = try MovingSquares.dataset(episodes: 60, steps: 32, size: 64, seed: 2, noise: 60, lab: "lab-b",
                                      folder: root.appendingPathComponent("squares-lab-b"))
    }
}
