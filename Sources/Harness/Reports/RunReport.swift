import Foundation

/// `report.md`: what was run, our table and plot, the paper's published figures beside ours, and where every
/// number came from (stage keys, records).
public struct RunReport: Sendable {
    /// How one stage went in this run.
    public struct StageOutcome: Sendable {
        public let name: String
        public let key: String
        public let reused: Bool
        public let seconds: Double
    }

    public let scenario: Scenario
    public let invocation: String
    public let table: ResultTable
    public let cells: [CellResult]
    public let outcomes: [StageOutcome]
    /// Per-method extras (budget, measured time per action), as in the table.
    public let extras: [String: [String: String]]

    public var markdown: String {
        var out = ["# \(scenario.name): reproduction report", "",
                   "Command: `\(invocation)`. Every number below comes from this run's records (`episodes/`, `results.json`).", ""]
        if let eval = scenario.eval {
            out.append("Evaluation: \(eval.trials) trials per cell, labs \(eval.labs.joined(separator: ", ")), evaluation seed \(eval.seed).")
            out.append("")
        }
        out += ["## Results", "", table.markdown, "![success rates](success.svg)", ""]
        if let paper = table.layout.paper { out += comparison(paper) }
        out += ["## Stages", "", "| stage | key | this run |", "| --- | --- | --- |"]
        for o in outcomes {
            out.append("| \(o.name) | `\(o.key.prefix(16))` | \(o.reused ? "reused from the cache" : String(format: "ran, %.1f s", o.seconds)) |")
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    /// The paper's rows beside each of our methods that names one (`paper:` in `eval.methods`), pooled over labs.
    private func comparison(_ paper: String) -> [String] {
        var out = ["## Beside the paper (\(paper == "table2" ? "Table 2" : "Table 3"))", "",
                   "Published: \(PaperFigures.source); 10 trials per cell on a real Franka arm in two labs. "
                       + "Ours: the simulated protocol of DESIGN.md section 6. Percentages; ours with 95% Wilson intervals.", ""]
        let pairs = (scenario.eval?.methods ?? []).compactMap { m in m.paper.flatMap { PaperFigures.row($0, in: paper) }.map { (m.name, $0) } }
        guard !pairs.isEmpty else { return out + ["No method of this scenario names a row of the paper's table (`paper:` in eval.methods).", ""] }
        let cellKeys = PaperFigures.rows(of: paper).flatMap(\.success.keys)
        let order = (scenario.eval?.cells ?? []).map { "\($0.task)/\($0.object)" }.filter { Set(cellKeys).contains($0) }
        var head = ["task", "object"]
        for (ours, row) in pairs { head += ["paper: \(row.method)", "ours: \(ours)"] }
        out += ["| " + head.joined(separator: " | ") + " |", "|" + head.map { _ in " --- |" }.joined()]
        for key in order {
            let parts = key.split(separator: "/").map(String.init)
            var line = parts
            for (ours, row) in pairs {
                line.append(row.success[key].map { String(format: "%.0f%%", $0) } ?? "–")
                let matching = cells.filter { $0.method == ours && $0.task == parts[0] && $0.object == parts[1] }
                line.append(matching.first.map { ResultTable.text(CellResult.pooled(matching, as: $0)) } ?? "–")
            }
            out.append("| " + line.joined(separator: " | ") + " |")
        }
        out.append("")
        if paper == "table3" {
            out += ["| method | samples | iterations | horizon | time per action |", "| --- | --- | --- | --- | --- |"]
            for (ours, row) in pairs {
                out.append("| paper: \(row.method) | \(row.samples.map(String.init) ?? "–") | \(row.iterations.map(String.init) ?? "–") | "
                           + "\(row.horizon.map(String.init) ?? "–") | \(row.timePerAction ?? "–") |")
                let e = extras[ours] ?? [:]
                out.append("| ours: \(ours) | \(e["samples"] ?? "–") | \(e["iterations"] ?? "–") | \(e["horizon"] ?? "–") | "
                           + "\(e["seconds_per_action"] ?? "–") |")
            }
            out.append("")
        }
        return out
    }
}
