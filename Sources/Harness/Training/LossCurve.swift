import Foundation

/// The per-step figures of a training run, written as CSV (`step,loss,extras…`) and as an SVG plot of the loss.
public struct LossCurve: Sendable {
    public private(set) var columns: [String] = []
    public private(set) var rows: [(step: Int, values: [Double])] = []

    public init() {}

    /// Reads a CSV this type wrote, keeping only rows before `step` (when resuming from a checkpoint at `step`).
    public init(csv url: URL, before step: Int) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        guard let header = lines.first else { return }
        columns = Array(header.split(separator: ",").dropFirst(2).map(String.init))
        for (number, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard let s = Int(fields[0]), fields.count == columns.count + 2 else {
                throw TrainingError.invalid("\(url.path) line \(number + 2): '\(line)' is not step,loss,\(columns.joined(separator: ","))")
            }
            if s < step { rows.append((s, fields.dropFirst().map { Double($0) ?? .nan })) }
        }
    }

    /// Adds the figures of `step`.
    public mutating func append(step: Int, _ metrics: StepMetrics) {
        if rows.isEmpty && columns.isEmpty { columns = metrics.extras.map(\.name) }
        let extras = columns.map { name in metrics[name] ?? .nan }
        rows.append((step, [metrics.loss] + extras))
    }

    /// Writes `<base>.csv` and `<base>.svg`, each atomically.
    public func write(base: URL) throws {
        var csv = "step,loss" + columns.map { "," + $0 }.joined() + "\n"
        for row in rows { csv += "\(row.step)," + row.values.map { String(format: "%.6g", $0) }.joined(separator: ",") + "\n" }
        try Data(csv.utf8).write(to: base.appendingPathExtension("csv"), options: .atomic)
        try Data(svg().utf8).write(to: base.appendingPathExtension("svg"), options: .atomic)
    }

    /// The loss against the step, a polyline over labelled axes (a smoothed line over the raw one).
    public func svg(width: Double = 640, height: Double = 360) -> String {
        let points = rows.compactMap { row in row.values[0].isFinite ? (Double(row.step), row.values[0]) : nil }
        let (left, right, top, bottom) = (60.0, width - 20, 20.0, height - 40)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\" stroke=\"black\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(bottom)\" stroke=\"black\"/>\n"
        guard let first = points.first else { return svg + "<text x=\"\(left + 10)\" y=\"\(top + 20)\">no finite loss yet</text></svg>\n" }
        let (x0, x1) = (first.0, max(points.last!.0, first.0 + 1))
        let values = points.map(\.1)
        let (y0, y1) = (values.min()!, max(values.max()!, values.min()! + 1e-9))
        func place(_ p: (Double, Double)) -> String {
            String(format: "%.1f,%.1f", left + (p.0 - x0) / (x1 - x0) * (right - left), bottom - (p.1 - y0) / (y1 - y0) * (bottom - top))
        }
        svg += "<polyline fill=\"none\" stroke=\"#9db9e0\" stroke-width=\"1\" points=\"\(points.map(place).joined(separator: " "))\"/>\n"
        let window = max(1, points.count / 50)
        let smooth = points.indices.map { i in
            let slice = points[max(0, i - window + 1)...i]
            return (points[i].0, slice.map(\.1).reduce(0, +) / Double(slice.count))
        }
        svg += "<polyline fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"2\" points=\"\(smooth.map(place).joined(separator: " "))\"/>\n"
        svg += "<text x=\"\(left - 5)\" y=\"\(top + 4)\" text-anchor=\"end\">\(String(format: "%.3g", y1))</text>"
        svg += "<text x=\"\(left - 5)\" y=\"\(bottom)\" text-anchor=\"end\">\(String(format: "%.3g", y0))</text>\n"
        svg += "<text x=\"\(left)\" y=\"\(bottom + 16)\">\(Int(x0))</text>"
        svg += "<text x=\"\(right)\" y=\"\(bottom + 16)\" text-anchor=\"end\">\(Int(x1))</text>"
        svg += "<text x=\"\((left + right) / 2)\" y=\"\(bottom + 32)\" text-anchor=\"middle\">step</text>"
        svg += "<text x=\"15\" y=\"\((top + bottom) / 2)\" transform=\"rotate(-90 15 \((top + bottom) / 2))\" text-anchor=\"middle\">loss</text>\n"
        return svg + "</svg>\n"
    }
}
