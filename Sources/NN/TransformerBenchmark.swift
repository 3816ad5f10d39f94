import Dispatch
import Foundation

/// Measures the pre-norm transformer this project's predictors are built from: forward throughput at a planning
/// batch, the same products run as bare `sgemm` calls in the same process (the reference), and one AdamW training
/// step. `jepalab bench` reports these figures.
public enum TransformerBenchmark {
    /// The model and batch to measure.
    public struct Configuration: Sendable {
        public var width = 128, heads = 4, depth = 4, mlpRatio = 4, tokens = 66
        public var batch = 800, trainingBatch = 64, repeats = 5, seed: UInt64 = 0
        public init() {}
    }

    /// What one run measured (median over repeats).
    public struct Result: Sendable, CustomStringConvertible {
        public let configuration: Configuration
        public let forwardSeconds: Double
        public let samplesPerSecond: Double
        /// FLOPs of the matrix products of one forward pass, divided by its time.
        public let gflops: Double
        /// The same products as bare `sgemm` calls: its GFLOP/s.
        public let sgemmGflops: Double
        public let trainingStepSeconds: Double

        public var description: String {
            let c = configuration
            return String(format: """
                transformer width %d, %d heads, depth %d, MLP ×%d, %d tokens (OpenBLAS %@ kernels, %d threads)
                forward   batch %d: %.3f s, %.0f samples/s, %.1f GFLOP/s (%.0f%% of sgemm at %.1f GFLOP/s)
                training  batch %d: %.3f s per AdamW step
                """, c.width, c.heads, c.depth, c.mlpRatio, c.tokens, BLAS.coreName, BLAS.threads, c.batch, forwardSeconds, samplesPerSecond,
                gflops, 100 * gflops / sgemmGflops, sgemmGflops, c.trainingBatch, trainingStepSeconds)
        }
    }

    /// Runs the benchmark; takes a few seconds at the defaults.
    public static func run(_ c: Configuration = Configuration()) -> Result {
        var generator = SeededGenerator(seed: c.seed)
        let model = Transformer(width: c.width, depth: c.depth, heads: c.heads, mlpRatio: c.mlpRatio, std: 0.02, using: &generator)
        let input = Tensor.randomNormal([c.batch, c.tokens, c.width], using: &generator)
        _ = model(input)
        let forward = median(c.repeats) { _ = model(input) }
        let reference = median(c.repeats) { sgemmOfForward(c) }
        let flops = forwardFlops(c, batch: c.batch)

        let small = input.slice(alongAxis: 0, 0..<min(c.trainingBatch, c.batch))
        let target = Tensor.randomNormal(small.shape, using: &generator)
        var trained = model
        var optimizer = AdamW(learningRate: 1e-4, weightDecay: 0.05)
        let step = median(c.repeats) {
            let (_, gradients) = trained.valueWithGradient { m in Tensor.l1Loss(m(small), target) }
            optimizer.update(&trained, gradients: gradients)
        }
        return Result(configuration: c, forwardSeconds: forward, samplesPerSecond: Double(c.batch) / forward,
                      gflops: flops / forward / 1e9, sgemmGflops: flops / reference / 1e9, trainingStepSeconds: step)
    }

    /// Multiply–add FLOPs of one forward pass: the four linear layers and the two attention products per block.
    public static func forwardFlops(_ c: Configuration, batch: Int) -> Double {
        let n = Double(batch * c.tokens), d = Double(c.width), t = Double(c.tokens)
        let linear = 2 * n * d * d * Double(3 + 1 + 2 * c.mlpRatio)
        let attention = 2 * 2 * Double(batch) * t * t * d
        return Double(c.depth) * (linear + attention)
    }

    /// The products of one forward pass as bare `sgemm` calls on buffers of the same shapes; attention's small
    /// per-head products are split over the cores as the fused kernel does.
    private static func sgemmOfForward(_ c: Configuration) {
        let n = c.batch * c.tokens, d = c.width, hidden = c.mlpRatio * d, hd = d / c.heads, t = c.tokens
        let x = [Float](repeating: 0.01, count: n * hidden), w = [Float](repeating: 0.01, count: hidden * d)
        var y = [Float](repeating: 0, count: n * hidden)
        var qkv = [Float](repeating: 0.01, count: n * 3 * d), out = [Float](repeating: 0, count: n * d)
        x.withUnsafeBufferPointer { xp in
            w.withUnsafeBufferPointer { wp in
                y.withUnsafeMutableBufferPointer { yp in
                    qkv.withUnsafeMutableBufferPointer { qp in
                        out.withUnsafeMutableBufferPointer { op in
                            let (x, w, y, q, o) = (xp.baseAddress!, wp.baseAddress!, yp.baseAddress!, qp.baseAddress!, op.baseAddress!)
                            for _ in 0..<c.depth {
                                gemm(x, w, q, m: n, n: 3 * d, k: d)
                                gemm(x, w, y, m: n, n: d, k: d)
                                gemm(x, w, y, m: n, n: hidden, k: d)
                                gemm(x, w, y, m: n, n: d, k: hidden)
                                let pairs = c.batch * c.heads
                                DispatchQueue.concurrentPerform(iterations: 2) { part in
                                    let scores = UnsafeMutablePointer<Float>.allocate(capacity: t * t)
                                    defer { scores.deallocate() }
                                    for pair in pairs * part / 2..<pairs * (part + 1) / 2 {
                                        let (b, h) = (pair / c.heads, pair % c.heads)
                                        let base = q + b * t * 3 * d + h * hd
                                        BLAS.gemm(base, base + d, scores, m: t, n: t, k: hd, transposeB: true, lda: 3 * d, ldb: 3 * d, ldc: t)
                                        BLAS.gemm(scores, base + 2 * d, o + b * t * d + h * hd, m: t, n: hd, k: t, lda: t, ldb: 3 * d, ldc: d)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `x · wᵀ` with the rows split over the cores, as the tensor kernels run it.
    private static func gemm(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int) {
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let rows = m * part / 2..<m * (part + 1) / 2
            BLAS.gemm(x + rows.lowerBound * k, w, y + rows.lowerBound * n, m: rows.count, n: n, k: k, transposeB: true)
        }
    }

    private static func median(_ repeats: Int, _ body: () -> Void) -> Double {
        let times = (0..<max(repeats, 1)).map { _ -> Double in
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        return times.sorted()[times.count / 2]
    }
}
