import Baselines
import Foundation
import Harness
import Testing

/// The scenario path end to end at toy size: a dataset, the `baseline` stage training `policy/octo`, and the
/// `eval-policy` stage acting with the trained checkpoint in an unseen lab.
@Suite struct OctoScenarioTests {
    @Test func baselineStageTrainsAndEvalPolicyStageRecords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("octo-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = """
            name: octo-tiny
            seed: 0
            data: {episodes: 3, frames: 8, size: 16, lab: train, policy: play}
            baselines:
              - name: octo
                policy: {id: policy/octo, patch: 8, width: 32, depth: 1, heads: 2}
                steps: 4
                batch: 4
            eval:
              trials: 1
              seed: 5
              tasks: [reach]
              objects: [cup]
              labs: [lab-a]
              methods:
                - {name: Octo, policy: octo}
            table:
              rows: [method]
              columns: [task, object]
            """
        let file = folder.appendingPathComponent("tiny.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        var registry = Registry()
        try Baselines.register(into: &registry)
        let stages: [StageKind: any Stage] = [.data: DatasetStage(), .baseline: Baselines.stage, .evalPolicy: PolicyEvaluationStage()]
        let plan = try ScenarioPlan(scenario: try Scenario.load(file.path, registry: registry), registry: registry,
                                    available: Set(stages.keys))
        let cache = ArtifactCache(root: folder.appendingPathComponent("cache"))
        _ = try ScenarioRunner(plan: plan, cache: cache, stages: stages, registry: registry)
            .run(runs: folder.appendingPathComponent("runs"), invocation: "test", echo: false)
        let baseline = try #require(plan.stage(named: "baseline:octo"))
        let trained = cache.directory(of: baseline)
        #expect(FileManager.default.fileExists(atPath: trained.appendingPathComponent("model.safetensors").path))
        let curve = try String(contentsOf: trained.appendingPathComponent("curve.csv"), encoding: .utf8)
        #expect(curve.split(separator: "\n").count == 5)
        let eval = try #require(plan.stage(named: "eval:Octo/reach/cup/lab-a"))
        let records = try EvaluationTable.records(in: cache.directory(of: eval))
        #expect(records.count == 1 && records[0].planner.hasPrefix("policy/octo") && records[0].lab == "lab-a")
    }
}
