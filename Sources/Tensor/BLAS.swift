import CBLAS

/// Thin, typed access to OpenBLAS. This module is the only importer of `CBLAS`.
public enum BLAS {
    /// Row-major single-precision matrix product `C = alpha · op(A) · op(B) + beta · C`.
    ///
    /// `op(A)` is `m × k` and `op(B)` is `k × n`; `A` is stored `m × k` (or `k × m` when `transposeA`),
    /// `B` is stored `k × n` (or `n × k` when `transposeB`), and `C` is `m × n`. Rows are contiguous unless a
    /// leading dimension (`lda`, `ldb`, `ldc`: the distance between rows) says otherwise, which lets a product read
    /// one head's columns straight out of a wider matrix.
    public static func gemm(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int,
        transposeA: Bool = false, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 0,
        lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda ?? (transposeA ? m : k)),
            b, blasint(ldb ?? (transposeB ? k : n)),
            beta, c, blasint(ldc ?? n))
    }

    /// The CPU kernel family OpenBLAS chose (e.g. `Haswell`, `SkylakeX`); the environment variable
    /// `OPENBLAS_CORETYPE` overrides its choice when the process starts.
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The number of threads OpenBLAS uses for one call.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }
}
