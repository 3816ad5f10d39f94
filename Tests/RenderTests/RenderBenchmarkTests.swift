import Testing
import Render

@Suite struct RenderBenchmarkTests {
    /// Prints the single-thread frame rates at 64, 128 and 256 pixels, and at 64 with anti-aliasing (BENCHMARKS.md).
    @Test func reportsFrameRates() {
        for size in [64, 128, 256] {
            let result = RenderBenchmark.run(size: size, duration: 1)
            print("render benchmark: \(size)×\(size), \(result.triangles) triangles, shadows on: "
                + "\(Int(result.framesPerSecond)) frames/s (\(result.frames) frames in \(result.seconds) s)")
            #expect(result.frames >= 3 && result.framesPerSecond.isFinite && result.framesPerSecond > 0)
        }
        let smooth = RenderBenchmark.run(size: 64, duration: 1, supersampling: 2)
        print("render benchmark: 64×64 with 2×2 supersampling, shadows on: \(Int(smooth.framesPerSecond)) frames/s")
        #expect(smooth.frames >= 3)
    }
}
