import Foundation
import Render

/// Runs a plan: each stage's artifact is reused from the cache when complete, resumed when partial, produced
/// otherwise; then the run folder gets the resolved scenario, log, per-episode records, table, plots and report.
public struct ScenarioRunner {
    public let plan: ScenarioPlan
    public let cache: ArtifactCache
    public let stages: [StageKind: any Stage]
    public let registry: Registry

    public init(plan: ScenarioPlan, cache: ArtifactCache, stages: [StageKind: any Stage], registry: Registry) {
        self.plan = plan
        self.cache = cache
        self.stages = stages
        self.registry = registry
    }

    /// Runs every stage and writes `runs/<name>-<UTC timestamp>/` (`-2`, `-3` … within one second); returns that folder. `invocation` is the command
    /// as typed, for the report.
    public func run(runs: URL, invocation: String, echo: Bool = true) throws -> URL {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let stem = "\(plan.scenario.name)-\(formatter.string(from: Date()))"
        var folder = runs.appendingPathComponent(stem), attempt = 1
        while FileManager.default.fileExists(atPath: folder.path) {
            attempt += 1
            folder = runs.appendingPathComponent("\(stem)-\(attempt)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = try RunLog(file: folder.appendingPathComponent("log.txt"), echo: echo)
        try Data((plan.scenario.tree.json + "\n").utf8).write(to: folder.appendingPathComponent("scenario.json"), options: .atomic)
        log("run \(plan.scenario.name) into \(folder.path); cache \(cache.root.path)")

        var outputs = [String: URL](), outcomes = [RunReport.StageOutcome]()
        for stage in plan.stages {
            guard let implementation = stages[stage.kind] else {
                throw ScenarioError("stage \(stage.kind.rawValue), \(stage.kind.summary), is not available yet in this build")
            }
            let started = Date()
            let inputs = Dictionary(uniqueKeysWithValues: stage.inputs.compactMap { name in outputs[name].map { (name, $0) } })
            let (directory, reused) = try cache.artifact(for: stage) { directory, resuming in
                log("\(stage.name): \(resuming ? "resuming" : "running") \(stage.kind.summary) into \(directory.path)")
                try implementation.run(StageContext(scenario: plan.scenario, stage: stage, directory: directory, inputs: inputs,
                                                    resuming: resuming, registry: registry, log: log))
            }
            let seconds = Date().timeIntervalSince(started)
            log(reused ? "\(stage.name): reused \(stage.key.prefix(16))" : String(format: "\(stage.name): done in %.1f s", seconds))
            outputs[stage.name] = directory
            outcomes.append(RunReport.StageOutcome(name: stage.name, key: stage.key, reused: reused, seconds: seconds))
        }
        try writeReports(into: folder, outputs: outputs, outcomes: outcomes, invocation: invocation, log: log)
        log("wrote \(folder.path)/report.md")
        return folder
    }

    private func writeReports(into folder: URL, outputs: [String: URL], outcomes: [RunReport.StageOutcome],
                              invocation: String, log: RunLog) throws {
        let episodes = folder.appendingPathComponent("episodes"), curves = folder.appendingPathComponent("curves")
        try FileManager.default.createDirectory(at: episodes, withIntermediateDirectories: true)
        // Trial records per method label, in the order the methods first appear (one method spans many stages).
        var trialsByMethod = [(label: String, trials: [TrialRecord])](), keys = [String: String](), extras = [String: [String: String]]()
        for stage in plan.stages {
            guard let directory = outputs[stage.name] else { continue }
            let label: String
            switch stage.target {
            case .eval(let evaluation):
                label = evaluation.method.name
                if case .planner(let planning) = evaluation.method.kind {
                    let parameters = try planning.planner.resolved(in: registry)
                    extras[label, default: [:]]["horizon"] = String(planning.horizon)
                    for name in ["samples", "iterations"] { extras[label, default: [:]][name] = parameters[name]?.description }
                }
                let link = episodes.appendingPathComponent(slug(label))
                    .appendingPathComponent("\(evaluation.cell.task)-\(evaluation.cell.object)-\(slug(evaluation.lab))")
                try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: link)
                try FileManager.default.createSymbolicLink(at: link, withDestinationURL: directory)
            case .probe(let name, _, _):
                label = name
            case .training, .baseline:
                let csv = directory.appendingPathComponent("curve.csv")
                if let text = try? String(contentsOf: csv, encoding: .utf8), let chart = CurveChart(csv: text, title: "\(stage.name) loss") {
                    try FileManager.default.createDirectory(at: curves, withIntermediateDirectories: true)
                    try Data(chart.svg.utf8).write(to: curves.appendingPathComponent(slug(stage.name) + ".svg"), options: .atomic)
                }
                continue
            case .data:
                continue
            }
            keys[stage.name] = stage.key
            let trials = try TrialRecords.read(from: directory)
            if let index = trialsByMethod.firstIndex(where: { $0.label == label }) {
                trialsByMethod[index].trials += trials
            } else {
                trialsByMethod.append((label, trials))
            }
        }
        var cells = [CellResult]()
        for (label, trials) in trialsByMethod {
            let summary = CellResult.summarise(method: label, records: trials)
            cells += summary
            let pooled = summary.first.map { CellResult.pooled(summary, as: $0) }
            if let seconds = pooled?.secondsPerAction { extras[label, default: [:]]["seconds_per_action"] = String(format: "%.3g s", seconds) }
            log("\(label): \(trials.count) trials, records in episodes/\(slug(label))")
        }
        let table = ResultTable(cells: cells, layout: plan.scenario.table, extras: extras)
        try Data(table.markdown.utf8).write(to: folder.appendingPathComponent("table.md"), options: .atomic)
        try Data(table.csv.utf8).write(to: folder.appendingPathComponent("table.csv"), options: .atomic)
        try RunResults(scenario: plan.scenario.name, cells: cells, keys: keys).write(to: folder.appendingPathComponent("results.json"))
        let chart = SuccessChart(table: table)
        try Data(chart.svg.utf8).write(to: folder.appendingPathComponent("success.svg"), options: .atomic)
        try PNG.write(chart.image, to: folder.appendingPathComponent("success.png"))
        let report = RunReport(scenario: plan.scenario, invocation: invocation, table: table, cells: cells, outcomes: outcomes, extras: extras)
        try Data(report.markdown.utf8).write(to: folder.appendingPathComponent("report.md"), options: .atomic)
        if log.echoes { print(table.markdown) }
    }

    /// A file-name-safe form of a stage or method name.
    func slug(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" })
    }
}
