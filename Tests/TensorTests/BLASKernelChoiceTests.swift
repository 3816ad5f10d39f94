import Foundation
import Testing
import Tensor

@Suite struct BLASKernelChoiceTests {
    let avx512: Set<String> = ["sse2", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    @Test func asksForAVX512KernelsWhenOpenBLASFellBackToAVX2() {
        #expect(BLASKernelChoice.preferredCoreType(environment: [:], cpuFlags: avx512, detected: "Haswell") == "SKYLAKEX")
    }

    @Test func leavesAGoodOrChosenKernelAlone() {
        #expect(BLASKernelChoice.preferredCoreType(environment: [:], cpuFlags: avx512, detected: "SkylakeX") == nil)
        #expect(BLASKernelChoice.preferredCoreType(
            environment: ["OPENBLAS_CORETYPE": "HASWELL"], cpuFlags: avx512, detected: "Haswell") == nil)
        #expect(BLASKernelChoice.preferredCoreType(environment: [:], cpuFlags: ["avx2"], detected: "Haswell") == nil)
    }
}

@Suite struct CPUFlagsTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/cpuinfo")))
    func readsTheFlagsOfThisMachine() {
        #if arch(x86_64)
        #expect(BLASKernelChoice.cpuFlags().contains("sse2"))
        #endif
    }
}
