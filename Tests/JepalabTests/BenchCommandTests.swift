import Foundation
import Testing

@Suite struct BenchCommandTests {
    @Test func physicsBenchWritesItsFiguresAsJSON() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let (status, output) = try JEPALabProcess.run(["bench", "--only", "physics", "--repeats", "1", "--out", out.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("physics steps"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let figures = try #require(report?["figures"] as? [[String: Any]])
        let steps = try #require(figures.first?["value"] as? Double)
        #expect(steps > 500, "the simulation should run faster than real time")
    }

    @Test func unknownBenchIsAnErrorListingTheBenches() throws {
        let (status, output) = try JEPALabProcess.run(["bench", "--only", "warp-drive"])
        #expect(status != 0)
        #expect(output.contains("unknown bench 'warp-drive'"))
        #expect(output.contains("physics"))
    }
}
