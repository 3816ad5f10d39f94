import Encoders
import Foundation
import Harness
import NN
import Testing

/// Training speed at the default scale (64×64, 4-frame clips, batch 16): `JEPALAB_BENCH=1 swift test -c release
/// --filter pretrainSpeed`. Skipped otherwise, since it takes about a minute.
@Suite struct PretrainBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["JEPALAB_BENCH"] == "1"),
          arguments: PretrainConfig.Objective.allCases)
    func pretrainSpeed(objective: PretrainConfig.Objective) throws {
        var config = PretrainConfig()
        config.objective = objective
        let source = SquareClips(batch: config.batchSize, frames: config.clipFrames, size: config.vit.imageSize)
        var task = try MaskDenoising(config: config, source: source)
        _ = try task.step(0)
        let steps = 20
        let start = Date()
        for s in 1...steps { _ = try task.step(s) }
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "pretrain %@ default scale: %.3f s/step, %.2f steps/s; %d steps take %.1f min",
                     objective.rawValue, seconds / Double(steps), Double(steps) / seconds, config.steps,
                     Double(config.steps) * seconds / Double(steps) / 60))
    }
}
