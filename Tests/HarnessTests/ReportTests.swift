import Foundation
import Testing
import Harness
import Render

@Suite struct ReportTests {
    let cells = [
        CellResult(method: "A", task: "reach", object: "cup", lab: "lab-a", successes: 9, trials: 10, secondsPerAction: 0.2),
        CellResult(method: "A", task: "reach", object: "cup", lab: "lab-b", successes: 7, trials: 10, secondsPerAction: 0.4),
        CellResult(method: "A", task: "grasp", object: "box", lab: "lab-a", successes: 0, trials: 10, secondsPerAction: 0.2),
        CellResult(method: "B", task: "reach", object: "cup", lab: "lab-a", successes: 10, trials: 10, secondsPerAction: 1),
    ]

    @Test func tablePoolsTheDimensionsItDoesNotShow() {
        let table = ResultTable(cells: cells, layout: TableLayout(rows: [.method], columns: [.task, .object]),
                                extras: ["A": ["samples": "800"]])
        #expect(table.rowLabels == [["A"], ["B"]] && table.columnLabels == [["reach", "cup"], ["grasp", "box"]])
        let pooled = table.entries.first { $0.row == ["A"] && $0.column == ["reach", "cup"] }?.result
        #expect(pooled?.successes == 16 && pooled?.trials == 20 && abs((pooled?.secondsPerAction ?? 0) - 0.3) < 1e-12)
        let interval = WilsonInterval(successes: 16, trials: 20)
        let text = String(format: "80%% (16/20; %.0f–%.0f)", 100 * interval.lower, 100 * interval.upper)
        #expect(table.markdown.contains("| A | \(text) | 0% (0/10; 0–28) |"))
        #expect(table.markdown.contains("| B | 100% (10/10; 72–100) | – |"))
        let csv = table.csv.split(separator: "\n").map(String.init)
        #expect(csv[0] == "method,task,object,successes,trials,rate,lower,upper,seconds_per_action")
        #expect(csv[1] == String(format: "A,reach,cup,16,20,0.8000,%.4f,%.4f,0.3000", interval.lower, interval.upper))
        #expect(csv.count == 4)
        var layout = TableLayout(rows: [.method], columns: [.task])
        layout.extras = ["samples"]
        #expect(ResultTable(cells: cells, layout: layout, extras: ["A": ["samples": "800"]]).markdown.contains("| samples |"))
    }

    @Test func successChartDrawsABarAndAnIntervalPerEntry() throws {
        let table = ResultTable(cells: cells, layout: TableLayout(rows: [.method, .lab], columns: [.task, .object]))
        let chart = SuccessChart(table: table)
        #expect(chart.series == ["A lab-a", "A lab-b", "B lab-a"] && chart.groups == ["reach cup", "grasp box"])
        #expect(chart.bars.map(\.count) == [3, 1])
        #expect(chart.svg.components(separatedBy: "<path d=").count - 1 == 4)
        #expect(chart.svg.contains("reach cup") && chart.svg.hasSuffix("</svg>\n"))
        let image = chart.image
        #expect(image.width == chart.width && image.height == chart.height)
        // The 90% bar of the first series is filled in its colour near its base, the empty plot above it is white.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chart-\(UUID().uuidString).png")
        try PNG.write(image, to: url)
        let back = try PNG.read(from: url)
        #expect(back == image)
        let blue = (UInt8(31), UInt8(119), UInt8(180))
        let nearBase = chart.height - 60 - 16 * chart.series.count - 6
        let column = try #require((0..<image.width).first { x in image[x, nearBase].r == blue.0 && image[x, nearBase].b == blue.2 })
        #expect(image[column, 20] == (255, 255, 255))
    }

    @Test func curveChartReadsStepLossRows() throws {
        let chart = try #require(CurveChart(csv: "step,loss\n0,1.0\n10,0.5\n20,0.05\nbad line\n", title: "pretrain loss"))
        #expect(chart.points.count == 3)
        #expect(chart.svg.contains("(log scale)") && chart.svg.contains("<polyline"))
        #expect(CurveChart(csv: "step,loss\n0,1\n", title: "x") == nil)
    }

    @Test func paperFiguresAreThePublishedOnes() {
        #expect(PaperFigures.row("V-JEPA 2-AC", in: "table2")?.success["grasp/box"] == 25)
        #expect(PaperFigures.row("Octo", in: "table2")?.success["reach-with-object/box"] == 70)
        #expect(PaperFigures.row("Cosmos", in: "table3")?.samples == 80)
        #expect(PaperFigures.row("V-JEPA 2-AC", in: "table3")?.timePerAction == "16 s")
        #expect(PaperFigures.rows(of: "table9").isEmpty)
    }

    @Test func aNewPlannerIsUsableFromAScenarioByItsID() throws {
        struct Mine { let temperature: Double }
        var registry = try ScenarioFixtures.registry()
        try registry.register(ComponentSpec(id: "planner/mine", summary: "my planner",
                                            parameters: [.init("temperature", .double(1), "softness")])) { Mine(temperature: $0.double("temperature")) }
        let fixtures = try ScenarioFixtures()
        let path = try fixtures.write("mine.yaml", ScenarioFixtures.pipeline.replacingOccurrences(
            of: "{id: planner/cem, samples: 100}", with: "{id: planner/mine, temperature: 2}"))
        let plan = try ScenarioPlan(scenario: Scenario.load(path), registry: registry, available: Set(StageKind.allCases))
        let stage = try #require(plan.stage(named: "eval:latent CEM/reach/cup/lab-a"))
        #expect(stage.configuration.contains("\"planner\":{\"id\":\"planner/mine\",\"parameters\":{\"temperature\":2}}"))
        guard case .eval(let evaluation) = stage.target, case .planner(let planning) = evaluation.method.kind else {
            Issue.record("expected a planner method")
            return
        }
        let built: Mine = try registry.make(planning.planner.id, overrides: planning.planner.resolved(in: registry))
        #expect(built.temperature == 2)
    }
}
