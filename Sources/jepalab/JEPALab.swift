import ArgumentParser
import Foundation
import Tensor

/// The one executable: every stage of the pipeline is a subcommand.
@main
struct JEPALab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jepalab",
        abstract: "Reproduce V-JEPA 2 robot planning in an ODE simulation, on the CPU.",
        discussion: "Run `jepalab list` to see the registered components.",
        version: "0.1.0",
        subcommands: [
            Run.self, List.self, Generate.self, Pretrain.self, Probe.self, Posttrain.self, RenderCommand.self, ViewCommand.self, Eval.self, Sensitivity.self, Stress.self, BenchCommand.self,
        ])

    static func main() {
        restartWithFasterBLASKernelsIfPossible()
        main(nil)
    }

    /// Restarts the process once with `OPENBLAS_CORETYPE` set when OpenBLAS picked slower kernels than the CPU
    /// supports (see `BLASKernelChoice`); continues as is when the restart is not possible.
    private static func restartWithFasterBLASKernelsIfPossible() {
        guard let coreType = BLASKernelChoice.preferredCoreType() else { return }
        setenv("OPENBLAS_CORETYPE", coreType, 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
    }
}
