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

    /// The products of one forward pass as bare `sgemm` calls of the same shapes as the model's: the batch in the
    /// chunks `Transformer` uses, each core taking half of them with its own buffers; per chunk and block, the four
    /// linear layers and each (sample, head)'s two attention products.
    private static func sgemmOfForward(_ c: Configuration) {
        let samples = max(1, 512 / c.tokens), d = c.width, hidden = c.mlpRatio * d, hd = d / c.heads, t = c.tokens
        let chunks = (c.batch + samples - 1) / samples
        let cores = ProcessInfo.processInfo.activeProcessorCount
        DispatchQueue.concurrentPerform(iterations: cores) { core in
            let n = samples * t
            let x = UnsafeMutablePointer<Float>.allocate(capacity: n * hidden), w = UnsafeMutablePointer<Float>.allocate(capacity: hidden * d)
            let y = UnsafeMutablePointer<Float>.allocate(capacity: n * hidden), q = UnsafeMutablePointer<Float>.allocate(capacity: n * 3 * d)
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: t * t)
            for buffer in [(x, n * hidden), (w, hidden * d), (y, n * hidden), (q, n * 3 * d), (scores, t * t)] {
                buffer.0.initialize(repeating: 0.01, count: buffer.1)
            }
            defer { [x, w, y, q, scores].forEach { $0.deallocate() } }
            for chunk in chunks * core / cores..<chunks * (core + 1) / cores {
                let count = min(samples, c.batch - chunk * samples), rows = count * t
                for _ in 0..<c.depth {
                    BLAS.gemm(x, w, q, m: rows, n: 3 * d, k: d, transposeB: true)
                    for s in 0..<count {
                        for h in 0..<c.heads {
                            let base = q + s * t * 3 * d + h * hd
                            BLAS.gemm(base, base + d, scores, m: t, n: t, k: hd, transposeB: true, lda: 3 * d, ldb: 3 * d, ldc: t)
                            BLAS.gemm(scores, base + 2 * d, y + s * t * d + h * hd, m: t, n: hd, k: t, lda: t, ldb: 3 * d, ldc: d)
                        }
                    }
                    BLAS.gemm(x, w, y, m: rows, n: d, k: d, transposeB: true)
                    BLAS.gemm(x, w, y, m: rows, n: hidden, k: d, transposeB: true)
                    BLAS.gemm(y, w, x, m: rows, n: d, k: hidden, transposeB: true)
                }
            }
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
