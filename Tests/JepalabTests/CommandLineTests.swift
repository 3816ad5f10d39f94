import Foundation
import Testing

/// Runs the built `jepalab` executable end to end.
enum JEPALabProcess {
    static var executable: URL {
        // Test bundles live beside the products in the build folder.
        let products = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
            .deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return products.appendingPathComponent("jepalab")
    }

    /// Runs `jepalab arguments…` and returns its exit status and combined output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Subprocess.run(executable, arguments)
    }
}

/// Runs a program to its end.
enum Subprocess {
    /// Runs `executable arguments…` and returns its exit status and combined standard output and error.
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite struct CommandLineTests {
    @Test func helpListsTheSubcommands() throws {
        let (status, output) = try JEPALabProcess.run(["--help"])
        #expect(status == 0)
        #expect(output.contains("list"))
    }

    @Test func listShowsEveryKind() throws {
        let (status, output) = try JEPALabProcess.run(["list"])
        #expect(status == 0)
        for kind in ["encoders", "predictors", "planners", "policies"] { #expect(output.contains(kind)) }
    }

    @Test func unknownKindIsAClearError() throws {
        let (status, output) = try JEPALabProcess.run(["list", "--kind", "gadget"])
        #expect(status != 0)
        #expect(output.contains("unknown kind 'gadget'"))
    }
}
