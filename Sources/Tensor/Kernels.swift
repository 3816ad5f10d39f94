import Dispatch
import Foundation

/// Shared inner loops: chunked parallelism over both cores and branch-free math that the compiler vectorises.
enum Kernels {
    /// The number of cores to spread heavy loops over.
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` on contiguous chunks of `0..<count`, in parallel when there is enough work.
    ///
    /// `cost` is the rough work per item in scalar operations; loops below ~64 K operations run on one thread.
    static func parallelFor(_ count: Int, cost: Int = 1, _ body: (Range<Int>) -> Void) {
        let chunks = min(cores, max(1, count * cost / 65_536), count)
        if chunks <= 1 {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            body(count * chunk / chunks..<count * (chunk + 1) / chunks)
        }
    }

    /// `exp(x)` to within a few ulps for Float inputs, without branches (so loops over it vectorise).
    @inline(__always) static func exp(_ x: Float) -> Float {
        let x = min(max(x, -87.3), 88.3)
        // Round to nearest by adding and removing 1.5 · 2²³ (a plain float add, unlike `rounded`, vectorises).
        let n = (x * 1.442_695_04 + 12_582_912) - 12_582_912
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p: Float = 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let scale = Float(bitPattern: UInt32(bitPattern: Int32(n) &+ 127) << 23)
        return p * scale
    }

    /// The sum of `count` scalars at `x`, accumulated in 16 lanes: a plain loop's float sum is a chain of dependent
    /// additions that the compiler may not reorder, so it neither vectorises nor pipelines.
    @inline(__always) static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var lanes = SIMD16<Float>(), j = 0
        while j + 16 <= count {
            lanes += UnsafeRawPointer(x + j).loadUnaligned(as: SIMD16<Float>.self)
            j += 16
        }
        var total = lanes.sum()
        while j < count {
            total += x[j]
            j += 1
        }
        return total
    }

    /// `Σ (x[j] − mean)²` over `count` scalars at `x`, in 16 lanes like `sum`.
    @inline(__always) static func squaredDeviations(_ x: UnsafePointer<Float>, _ count: Int, from mean: Float) -> Float {
        var lanes = SIMD16<Float>(), j = 0
        while j + 16 <= count {
            let d = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD16<Float>.self) - mean
            lanes += d * d
            j += 16
        }
        var total = lanes.sum()
        while j < count {
            total += (x[j] - mean) * (x[j] - mean)
            j += 1
        }
        return total
    }

    static let geluC: Float = 0.797_884_56  // sqrt(2 / pi)
    static let geluA: Float = 0.044_715

    /// GELU, tanh approximation: `x · σ(2u)` with `u = √(2/π)(x + 0.044715 x³)`, which equals `½x(1 + tanh u)`.
    @inline(__always) static func gelu(_ x: Float) -> Float {
        let u = geluC * (x + geluA * x * x * x)
        return x / (1 + exp(-2 * u))
    }

    /// The derivative of `gelu` at `x`.
    @inline(__always) static func geluDerivative(_ x: Float) -> Float {
        let u = geluC * (x + geluA * x * x * x)
        let s = 1 / (1 + exp(-2 * u))
        return s + x * s * (1 - s) * 2 * geluC * (1 + 3 * geluA * x * x)
    }
}

/// Runs `body(i)` for `i` in `0..<iterations` on as many threads as there are cores (serially when one).
enum DispatchQueueHelper {
    static func perform(_ iterations: Int, _ body: (Int) -> Void) {
        if iterations <= 1 {
            (0..<iterations).forEach(body)
        } else {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
        }
    }
}

extension Kernels {
    /// OpenBLAS runs single-threaded inside this module: products are split over the cores here (by rows of the
    /// result), so OpenBLAS's own spinning worker threads never compete with the elementwise kernels' threads.
    private static let blasSingleThreaded: Void = { BLAS.threads = 1 }()

    /// `BLAS.gemm` with the rows of `C` split into one contiguous part per core when the product is large.
    static func gemm(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 0, lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
    ) {
        _ = blasSingleThreaded
        let lda = lda ?? (transposeA ? m : k), ldc = ldc ?? n
        let parts = m * n * k >= 1 << 20 && m >= 2 * cores ? cores : 1
        DispatchQueueHelper.perform(parts) { part in
            let rows = m * part / parts..<m * (part + 1) / parts
            BLAS.gemm(a + (transposeA ? rows.lowerBound : rows.lowerBound * lda), b, c + rows.lowerBound * ldc,
                      m: rows.count, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                      alpha: alpha, beta: beta, lda: lda, ldb: ldb, ldc: ldc)
        }
    }
}
