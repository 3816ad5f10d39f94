import ArgumentParser
import Foundation
import Harness
import Tensor

/// `jepalab bench`: the performance suite; prints a table and writes `bench.json`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the harness's speed (release builds), each figure beside a reference from the same run.",
        discussion: "Benches: \(Catalog.benches.map(\.name).joined(separator: ", ")).")

    @Option(help: "Run only these benches (comma-separated).")
    var only: String?

    @Option(help: "Timed repeats per figure (the median is reported), after a warm-up.")
    var repeats = 5

    @Option(help: "Where to write the figures as JSON.")
    var out = "bench.json"

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        _ = try selected()
    }

    func run() throws {
        var figures: [BenchFigure] = []
        print("bench".padding(toLength: 12, withPad: " ", startingAt: 0) + "figure")
        for bench in try selected() {
            for figure in try bench.run(repeats) {
                figures.append(figure)
                print(BenchTable.row(figure))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(BenchReport(figures: figures)).write(to: URL(fileURLWithPath: out), options: .atomic)
        print("wrote \(out)")
    }

    private func selected() throws -> [Bench] {
        guard let only else { return Catalog.benches }
        let names = only.split(separator: ",").map { String($0) }
        return try names.map { name in
            guard let bench = Catalog.benches.first(where: { $0.name == name }) else {
                throw ValidationError(
                    "unknown bench '\(name)'; benches: \(Catalog.benches.map(\.name).joined(separator: ", "))")
            }
            return bench
        }
    }
}

/// What `bench.json` holds: the machine, the build and every figure.
struct BenchReport: Encodable {
    let date = ISO8601DateFormatter().string(from: Date())
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let blasCore = BLAS.coreName
    let figures: [BenchFigure]
}

/// Formats figures as table rows.
enum BenchTable {
    static func row(_ figure: BenchFigure) -> String {
        var line = figure.benchmark.padding(toLength: 12, withPad: " ", startingAt: 0)
            + "\(figure.name): \(format(figure.value)) \(figure.unit)"
        if let reference = figure.reference, let ratio = figure.ratio {
            line += "  vs \(reference.name) \(format(reference.value)) \(reference.unit) = \(format(ratio))×"
        }
        return line
    }

    static func format(_ value: Double) -> String {
        switch abs(value) {
        case 1000...: String(format: "%.0f", value)
        case 10...: String(format: "%.1f", value)
        default: String(format: "%.3g", value)
        }
    }
}
