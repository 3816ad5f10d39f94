import Foundation

/// Results laid out as `table:` asks: one row per value of the row dimensions, one column per value of the column
/// dimensions, the other dimensions pooled; each entry `rate (successes/trials; 95% CI)`.
public struct ResultTable: Sendable {
    /// One pooled entry: its row and column labels and its result.
    public struct Entry: Sendable {
        public let row: [String]
        public let column: [String]
        public let result: CellResult
    }

    public let layout: TableLayout
    public let rowLabels: [[String]]
    public let columnLabels: [[String]]
    public let entries: [Entry]
    /// Extra columns per method (`table.extras`), already formatted.
    public let extras: [String: [String: String]]

    public init(cells: [CellResult], layout: TableLayout, extras: [String: [String: String]] = [:]) {
        self.layout = layout
        self.extras = extras
        func labels(_ dims: [TableLayout.Dimension]) -> [[String]] {
            var seen = [[String]]()
            for cell in cells {
                let label = dims.map(cell.value(of:))
                if !seen.contains(label) { seen.append(label) }
            }
            return seen
        }
        rowLabels = labels(layout.rows)
        columnLabels = labels(layout.columns)
        var entries = [Entry]()
        for row in rowLabels {
            for column in columnLabels {
                let matching = cells.filter { layout.rows.map($0.value(of:)) == row && layout.columns.map($0.value(of:)) == column }
                guard let first = matching.first else { continue }
                entries.append(Entry(row: row, column: column, result: CellResult.pooled(matching, as: first)))
            }
        }
        self.entries = entries
    }

    /// `94% (47/50; 84–98)`.
    public static func text(_ result: CellResult) -> String {
        let i = result.interval
        return String(format: "%.0f%% (%d/%d; %.0f–%.0f)", 100 * i.rate, i.successes, i.trials, 100 * i.lower, 100 * i.upper)
    }

    /// A GitHub-flavoured markdown table.
    public var markdown: String {
        let head = layout.rows.map(\.rawValue) + columnLabels.map { $0.joined(separator: " ") } + layout.extras
        var lines = ["| " + head.joined(separator: " | ") + " |", "|" + head.map { _ in " --- |" }.joined()]
        for row in rowLabels {
            var cells = row
            for column in columnLabels {
                cells.append(entries.first { $0.row == row && $0.column == column }.map { ResultTable.text($0.result) } ?? "–")
            }
            cells += layout.extras.map { extras[row.first ?? ""]?[$0] ?? "–" }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        var text = layout.title.map { "**\($0)**\n\n" } ?? ""
        text += lines.joined(separator: "\n") + "\n\nEach entry: success rate (successes/trials; 95% Wilson interval in %).\n"
        return text
    }

    /// One line per entry: its labels, successes, trials, rate and interval bounds (fractions), time per action.
    public var csv: String {
        let head = layout.rows.map(\.rawValue) + layout.columns.map(\.rawValue)
            + ["successes", "trials", "rate", "lower", "upper", "seconds_per_action"]
        var lines = [head.joined(separator: ",")]
        for entry in entries {
            let i = entry.result.interval
            let fields = (entry.row + entry.column).map(ResultTable.csvField)
                + [String(i.successes), String(i.trials), String(format: "%.4f", i.rate), String(format: "%.4f", i.lower),
                   String(format: "%.4f", i.upper), String(format: "%.4f", entry.result.secondsPerAction)]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
