import Foundation

/// A training curve (`step,loss` CSV, as training stages write `curve.csv`) drawn as an SVG polyline, loss on a
/// log scale when it spans more than a decade.
public struct CurveChart: Sendable {
    public let title: String
    public let points: [(step: Double, loss: Double)]

    /// Reads `step,loss` rows (a header line and malformed lines are skipped); nil when there are fewer than 2 points.
    public init?(csv: String, title: String) {
        var points = [(step: Double, loss: Double)]()
        for line in csv.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",")
            guard fields.count >= 2, let step = Double(fields[0]), let loss = Double(fields[1]), loss.isFinite else { continue }
            points.append((step, loss))
        }
        guard points.count >= 2 else { return nil }
        self.title = title
        self.points = points
    }

    public var svg: String {
        let width = 480.0, height = 260.0, left = 56.0, top = 24.0, plotW = width - left - 16, plotH = height - top - 36
        let steps = points.map(\.step), losses = points.map(\.loss)
        let (s0, s1) = (steps.min()!, max(steps.max()!, steps.min()! + 1))
        let positive = losses.allSatisfy { $0 > 0 }
        let logScale = positive && losses.max()! / losses.min()! > 10
        func v(_ loss: Double) -> Double { logScale ? log10(loss) : loss }
        let (l0, l1) = (losses.map(v).min()!, max(losses.map(v).max()!, losses.map(v).min()! + 1e-12))
        let path = points.map { p in
            String(format: "%.1f,%.1f", left + plotW * (p.step - s0) / (s1 - s0), top + plotH * (1 - (v(p.loss) - l0) / (l1 - l0)))
        }.joined(separator: " ")
        func label(_ x: Double) -> String { String(format: "%.3g", logScale ? pow(10, x) : x) }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(left)" y="14">\(title)\(logScale ? " (log scale)" : "")</text>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(top + plotH)" stroke="black"/>
            <line x1="\(left)" y1="\(top + plotH)" x2="\(left + plotW)" y2="\(top + plotH)" stroke="black"/>
            <text x="\(left - 4)" y="\(top + 4)" text-anchor="end">\(label(l1))</text>
            <text x="\(left - 4)" y="\(top + plotH)" text-anchor="end">\(label(l0))</text>
            <text x="\(left)" y="\(top + plotH + 14)">\(Int(s0))</text>
            <text x="\(left + plotW)" y="\(top + plotH + 14)" text-anchor="end">step \(Int(s1))</text>
            <polyline points="\(path)" fill="none" stroke="#1f77b4" stroke-width="1.5"/>
            </svg>

            """
    }
}
