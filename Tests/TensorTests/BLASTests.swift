import Testing
import Tensor

@Suite struct BLASTests {
    /// A deterministic pseudo-random matrix with entries in [-1, 1).
    func matrix(_ rows: Int, _ columns: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<(rows * columns)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 23) - 1
        }
    }

    func naive(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    sum += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j])
                }
                c[i * n + j] = sum
            }
        }
        return c
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemmMatchesNaiveProduct(transposeA: Bool, transposeB: Bool) {
        let (m, n, k) = (37, 23, 51)
        let a = matrix(m, k, seed: 1), b = matrix(k, n, seed: 2)
        var c = [Float](repeating: 0, count: m * n)
        BLAS.gemm(a, b, &c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        let expected = naive(a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        for (x, y) in zip(c, expected) { #expect(abs(x - y) < 1e-4) }
    }

    @Test func gemmAccumulatesWithBeta() {
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [1, 0, 0, 1]
        var c: [Float] = [10, 10, 10, 10]
        BLAS.gemm(a, b, &c, m: 2, n: 2, k: 2, alpha: 2, beta: 1)
        #expect(c == [12, 14, 16, 18])
    }
}
