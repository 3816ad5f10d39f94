import Foundation

/// A named measurement of `jepalab bench`: it runs its workload after a warm-up and reports figures, each the
/// median of `repeats` runs, beside references measured in the same process.
public struct Bench: Sendable {
    public let name: String
    public let summary: String
    public let run: @Sendable (_ repeats: Int) throws -> [BenchFigure]

    public init(name: String, summary: String, run: @escaping @Sendable (_ repeats: Int) throws -> [BenchFigure]) {
        self.name = name
        self.summary = summary
        self.run = run
    }

    /// The median of `repeats` timings of `body` in seconds, after one untimed warm-up call.
    public static func medianSeconds(repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return times.sorted()[times.count / 2]
    }

    /// The median of `values`.
    public static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
