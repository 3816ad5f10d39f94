import Foundation
import Render

/// Success rates as grouped bars with 95% Wilson intervals: one group per table column (task × object), one bar
/// per table row (method, lab …). Drawn as SVG (with labels) and rasterised to an `RGBImage` for PNG.
public struct SuccessChart: Sendable {
    public struct Bar: Sendable {
        public let series: Int
        public let rate: Double
        public let lower: Double
        public let upper: Double
    }

    public let groups: [String]
    public let series: [String]
    /// Bars by group.
    public let bars: [[Bar]]

    static let palette: [(UInt8, UInt8, UInt8)] = [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75), (227, 119, 194), (127, 127, 127),
    ]

    public init(table: ResultTable) {
        groups = table.columnLabels.map { $0.joined(separator: " ") }
        series = table.rowLabels.map { $0.joined(separator: " ") }
        bars = table.columnLabels.map { column in
            table.rowLabels.enumerated().compactMap { index, row in
                table.entries.first { $0.row == row && $0.column == column }.map {
                    let i = $0.result.interval
                    return Bar(series: index, rate: i.rate, lower: i.lower, upper: i.upper)
                }
            }
        }
    }

    // Layout in pixels, shared by both renderings.
    private var barWidth: Double { 18 }
    private var groupWidth: Double { Double(max(series.count, 1)) * barWidth + 24 }
    private var left: Double { 48 }
    private var top: Double { 16 }
    private var plotHeight: Double { 220 }
    public var width: Int { Int(left + Double(groups.count) * groupWidth + 16) }
    public var height: Int { Int(top + plotHeight + 60 + 16 * Double(series.count)) }

    private func x(group: Int, series: Int) -> Double { left + Double(group) * groupWidth + 12 + Double(series) * barWidth }
    private func y(_ rate: Double) -> Double { top + plotHeight * (1 - rate) }

    private static func hex(_ c: (UInt8, UInt8, UInt8)) -> String { String(format: "#%02x%02x%02x", c.0, c.1, c.2) }
    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The chart as an SVG document.
    public var svg: String {
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"11\">",
                   "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"]
        for tick in stride(from: 0, through: 100, by: 25) {
            let ty = y(Double(tick) / 100)
            out.append("<line x1=\"\(left)\" y1=\"\(ty)\" x2=\"\(width - 8)\" y2=\"\(ty)\" stroke=\"#dddddd\"/>")
            out.append("<text x=\"\(left - 6)\" y=\"\(ty + 4)\" text-anchor=\"end\">\(tick)%</text>")
        }
        for (g, group) in bars.enumerated() {
            for bar in group {
                let bx = x(group: g, series: bar.series), colour = SuccessChart.hex(SuccessChart.palette[bar.series % SuccessChart.palette.count])
                out.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>",
                                  bx, y(bar.rate), barWidth - 3, plotHeight * bar.rate, colour))
                let cx = bx + (barWidth - 3) / 2
                out.append(String(format: "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fh6M%.1f %.1fh6\" stroke=\"black\" fill=\"none\"/>",
                                  cx, y(bar.lower), y(bar.upper), cx - 3, y(bar.lower), cx - 3, y(bar.upper)))
            }
            let gx = left + Double(g) * groupWidth + groupWidth / 2
            out.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>", gx, top + plotHeight + 16,
                              SuccessChart.escape(groups[g])))
        }
        out.append("<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotHeight)\" stroke=\"black\"/>")
        for (s, name) in series.enumerated() {
            let ly = top + plotHeight + 36 + 16 * Double(s)
            out.append("<rect x=\"\(left)\" y=\"\(ly - 9)\" width=\"10\" height=\"10\" fill=\"\(SuccessChart.hex(SuccessChart.palette[s % SuccessChart.palette.count]))\"/>")
            out.append("<text x=\"\(left + 16)\" y=\"\(ly)\">\(SuccessChart.escape(name))</text>")
        }
        out.append("<text x=\"\(left)\" y=\"\(height - 4)\" fill=\"#555555\">success rate, bars: 95% Wilson intervals</text>")
        return out.joined(separator: "\n") + "\n</svg>\n"
    }

    /// The chart rasterised (bars, intervals, grid and legend swatches; no text), for `PNG.write`.
    public var image: RGBImage {
        var image = RGBImage(width: width, height: height, fill: (255, 255, 255))
        func fill(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: (UInt8, UInt8, UInt8)) {
            let xa = max(0, Int(x0.rounded())), xb = min(width, Int(x1.rounded()))
            let ya = max(0, Int(y0.rounded())), yb = min(height, Int(y1.rounded()))
            guard xa < xb, ya < yb else { return }
            for py in ya..<yb {
                for px in xa..<xb {
                    let i = 3 * (py * width + px)
                    image.pixels[i] = c.0
                    image.pixels[i + 1] = c.1
                    image.pixels[i + 2] = c.2
                }
            }
        }
        for tick in stride(from: 0, through: 100, by: 25) {
            let ty = y(Double(tick) / 100)
            fill(left, ty, Double(width - 8), ty + 1, (221, 221, 221))
        }
        fill(left - 1, top, left, top + plotHeight, (0, 0, 0))
        for (g, group) in bars.enumerated() {
            for bar in group {
                let bx = x(group: g, series: bar.series)
                fill(bx, y(bar.rate), bx + barWidth - 3, top + plotHeight, SuccessChart.palette[bar.series % SuccessChart.palette.count])
                let cx = (bx + (barWidth - 3) / 2).rounded()
                fill(cx, y(bar.upper), cx + 1, y(bar.lower) + 1, (0, 0, 0))
                fill(cx - 3, y(bar.upper), cx + 4, y(bar.upper) + 1, (0, 0, 0))
                fill(cx - 3, y(bar.lower), cx + 4, y(bar.lower) + 1, (0, 0, 0))
            }
        }
        for s in series.indices {
            let ly = top + plotHeight + 36 + 16 * Double(s)
            fill(left, ly - 9, left + 10, ly + 1, SuccessChart.palette[s % SuccessChart.palette.count])
        }
        return image
    }
}
