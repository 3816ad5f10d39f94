import ArgumentParser
import Foundation
import Baselines
import Encoders
import Harness
import Predictors

/// `jepalab run`: the whole pipeline a scenario file describes, reusing cached artifacts whose inputs did not change.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario file: data, training, evaluation, table, plots and report, reusing cached stages.",
        discussion: """
            Every stage's output is stored under CACHE/<stage>/<key>/, the key a SHA-256 of the stage's configuration \
            and its inputs' keys: a rerun after changing only the planner reruns only the evaluation, and an \
            interrupted stage resumes. Each run writes RUNS/<name>-<UTC time>/ with scenario.json, log.txt, \
            episodes/, table.md, table.csv, results.json, success.svg, success.png and report.md.
            """)

    /// The stages this build can run; a scenario needing another one fails validation, naming it.
    static let stages: [StageKind: any Stage] = [
        .data: DatasetStage(),
        .pretrain: PretrainStage(),
        .posttrain: PosttrainStage(),
        .baseline: Baselines.stage,
        .evalPlanner: PlannerEvaluationStage(),
        .evalPolicy: PolicyEvaluationStage(),
        .evalScripted: ScriptedEvaluationStage(),
        .probe: ProbeStage(),
    ]

    @Argument(help: "The scenario file (YAML), e.g. scenarios/quickstart.yaml.")
    var scenario: String

    @Option(name: .customLong("set"), help: "Override a value: key.path=value (repeatable), e.g. --set eval.trials=5.")
    var overrides: [String] = []

    @Option(help: "Folder for run folders.")
    var runs = "runs"

    @Option(help: "Folder of the artifact cache.")
    var cache = "cache"

    @Flag(help: "Validate and print the plan with each stage's cache key and state; run nothing.")
    var dryRun = false

    @Flag(help: "Only the log file, no output.")
    var quiet = false

    func run() throws {
        let registry = try Catalog.standard()
        let plan: ScenarioPlan
        do {
            let overrides = try self.overrides.map(SetOverride.init(parsing:))
            let scenario = try Scenario.load(self.scenario, overrides: overrides, registry: registry)
            plan = try ScenarioPlan(scenario: scenario, registry: registry, available: Set(Run.stages.keys))
        } catch let error as ScenarioError {
            throw ValidationError(error.description)
        }
        let cache = ArtifactCache(root: URL(fileURLWithPath: self.cache))
        if dryRun {
            print("scenario \(plan.scenario.name) (\(scenario)) is valid: \(plan.stages.count) stages")
            let width = max(12, plan.stages.map(\.name.count).max() ?? 0)
            for stage in plan.stages {
                let name = stage.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let kind = stage.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                let inputs = stage.inputs.isEmpty ? "" : "  ← " + stage.inputs.joined(separator: ", ")
                print("  \(name)  \(kind)  \(stage.key.prefix(16))  \(cache.state(of: stage).rawValue)\(inputs)")
            }
            return
        }
        let runner = ScenarioRunner(plan: plan, cache: cache, stages: Run.stages, registry: registry)
        let invocation = (["jepalab run", scenario] + overrides.map { "--set \($0)" }).joined(separator: " ")
        let folder = try runner.run(runs: URL(fileURLWithPath: runs), invocation: invocation, echo: !quiet)
        if !quiet { print("run folder: \(folder.path)") }
    }
}
