import Testing
import Render

@Suite struct RenderBenchmarkTests {
    /// Prints the single-thread frame rate at 64, 128 and 256 pixels (the figures in BENCHMARKS.md).
    @Test func reportsFrameRates() {
        for size in [64, 128, 256] {
            let result = RenderBenchmark.run(size: size, duration: 1)
            print("render benchmark: \(size)×\(size), \(result.triangles) triangles, shadows on: "
                + "\(Int(result.framesPerSecond)) frames/s (\(result.frames) frames in \(result.seconds) s)")
            #expect(result.frames >= 3 && result.framesPerSecond.isFinite && result.framesPerSecond > 0)
        }
    }
}
