import Foundation

/// Which OpenBLAS kernel family a process should ask for.
///
/// Debian's OpenBLAS 0.3.21 does not recognise recent AVX-512 CPUs (e.g. AMD Zen 4) and falls back to its
/// Haswell (AVX2) kernels, which halves `sgemm` throughput there. OpenBLAS reads `OPENBLAS_CORETYPE` only when the
/// library loads, so a program that wants the faster kernels must set it and restart itself; `jepalab` does.
public enum BLASKernelChoice {
    /// The core type to request, or nil when OpenBLAS's own choice is already the best one or the user chose.
    public static func preferredCoreType(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        cpuFlags: Set<String> = cpuFlags(), detected: String = BLAS.coreName
    ) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, detected == "Haswell" || detected == "Zen" else { return nil }
        let skylakeX: Set<String> = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        return skylakeX.isSubset(of: cpuFlags) ? "SKYLAKEX" : nil
    }

    /// The CPU feature flags of the first processor in `/proc/cpuinfo` (empty where there is none).
    public static func cpuFlags() -> Set<String> {
        // Files under /proc report a size of 0, so read to the end rather than by size.
        guard let data = FileHandle(forReadingAtPath: "/proc/cpuinfo")?.readDataToEndOfFile(),
              let text = String(data: data, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
