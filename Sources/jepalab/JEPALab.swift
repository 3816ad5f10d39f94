import ArgumentParser

/// The one executable: every stage of the pipeline is a subcommand.
@main
struct JEPALab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jepalab",
        abstract: "Reproduce V-JEPA 2 robot planning in an ODE simulation, on the CPU.",
        discussion: "Run `jepalab list` to see the registered components.",
        version: "0.1.0",
        subcommands: [List.self, Pretrain.self, Probe.self])
}
