import Foundation
import Testing
import Harness

/// A stage for the cache tests: writes its name and inputs into its folder and appends `name resuming` to a journal
/// shared by the test, so the test sees which stages ran and how.
struct JournalStage: Stage {
    let journal: URL

    func run(_ context: StageContext) throws {
        let inputs = context.inputs.keys.sorted().map { "\($0)=\(context.inputs[$0]!.lastPathComponent)" }
        try Data((["produced by \(context.stage.name)"] + inputs).joined(separator: "\n").utf8)
            .write(to: context.directory.appendingPathComponent("output.txt"), options: .atomic)
        let line = "\(context.stage.name) \(context.resuming ? "resumed" : "fresh")\n"
        let old = (try? String(contentsOf: journal, encoding: .utf8)) ?? ""
        try (old + line).write(to: journal, atomically: true, encoding: .utf8)
    }
}

@Suite struct ArtifactCacheTests {
    func plan(_ overrides: [String] = [], in fixtures: ScenarioFixtures) throws -> ScenarioPlan {
        let path = try fixtures.write("pipeline.yaml", ScenarioFixtures.pipeline)
        let registry = try ScenarioFixtures.registry()
        let scenario = try Scenario.load(path, overrides: overrides.map(SetOverride.init(parsing:)), registry: registry)
        return try ScenarioPlan(scenario: scenario, registry: registry, available: Set(StageKind.allCases))
    }

    func keys(_ plan: ScenarioPlan) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plan.stages.map { ($0.name, $0.key) })
    }

    @Test func changingThePlannerChangesOnlyItsEvaluationKey() throws {
        let fixtures = try ScenarioFixtures()
        let base = try keys(plan(in: fixtures))
        let cem = ["eval:latent CEM/reach/cup/lab-a", "eval:latent CEM/grasp/cup/lab-a"]
        let expert = ["eval:expert/reach/cup/lab-a", "eval:expert/grasp/cup/lab-a"]
        #expect(Set(base.keys) == Set(["data", "pretrain", "posttrain"] + cem + expert))
        #expect(try keys(plan(in: fixtures)) == base)
        for change in ["eval.methods.0.planner.samples=200", "eval.methods.0.planner.momentum_mean=0.3",
                       "eval.methods.0.planner.id=planner/cem", "eval.methods.0.horizon=2"] {
            let changed = try keys(plan([change], in: fixtures))
            let differing = base.keys.filter { base[$0] != changed[$0] }.sorted()
            #expect(differing == (change.hasSuffix("planner/cem") ? [] : cem.sorted()), "\(change)")
        }
        // Writing a default explicitly is the same configuration.
        #expect(try keys(plan(["eval.methods.0.planner.iterations=10"], in: fixtures)) == base)
    }

    @Test func changingTheDataSeedChangesEveryDownstreamKey() throws {
        let fixtures = try ScenarioFixtures()
        let base = try keys(plan(in: fixtures)), changed = try keys(plan(["data.seed=9"], in: fixtures))
        let cem = ["eval:latent CEM/grasp/cup/lab-a", "eval:latent CEM/reach/cup/lab-a"]
        #expect(base.keys.filter { base[$0] != changed[$0] }.sorted() == ["data"] + cem + ["posttrain", "pretrain"])
        // A cell's key does not depend on the other cells or labs of the section, so scenarios share cells.
        let labAdded = try keys(plan(["eval.labs=[lab-a, lab-b]", "eval.tasks=[reach]"], in: fixtures))
        #expect(labAdded.count == base.count)
        #expect(labAdded["eval:latent CEM/reach/cup/lab-a"] == base["eval:latent CEM/reach/cup/lab-a"])
        #expect(labAdded["eval:latent CEM/reach/cup/lab-b"] != nil && labAdded["eval:latent CEM/grasp/cup/lab-a"] == nil)
    }

    @Test func completeArtifactsAreReusedAndPartialOnesResumed() throws {
        let fixtures = try ScenarioFixtures()
        let journal = fixtures.folder.appendingPathComponent("journal.txt")
        let cache = ArtifactCache(root: fixtures.folder.appendingPathComponent("cache"))
        let stage = JournalStage(journal: journal)
        var stages = [StageKind: any Stage]()
        for kind in [StageKind.data, .pretrain, .posttrain, .evalPlanner] { stages[kind] = stage }
        stages[.evalScripted] = ScriptedEvaluationStage()
        let registry = try ScenarioFixtures.registry()
        func run(_ overrides: [String]) throws -> URL {
            let plan = try plan(overrides + ["eval.trials=1", "eval.tasks=[reach]"], in: fixtures)
            return try ScenarioRunner(plan: plan, cache: cache, stages: stages, registry: registry)
                .run(runs: fixtures.folder.appendingPathComponent("runs"), invocation: "test", echo: false)
        }
        func journalLines() throws -> [String] {
            try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").map(String.init)
        }

        _ = try run([])
        #expect(try journalLines() == ["data fresh", "pretrain fresh", "posttrain fresh", "eval:latent CEM/reach/cup/lab-a fresh"])
        let first = try plan(["eval.trials=1", "eval.tasks=[reach]"], in: fixtures)
        let posttrain = try #require(first.stage(named: "posttrain"))
        #expect(cache.state(of: posttrain) == .complete)
        let output = try String(contentsOf: cache.directory(of: posttrain).appendingPathComponent("output.txt"), encoding: .utf8)
        let dataKey = try #require(first.stage(named: "data")).key, pretrainKey = try #require(first.stage(named: "pretrain")).key
        #expect(output == "produced by posttrain\ndata=\(dataKey)\npretrain=\(pretrainKey)")

        // Only the planner changed: only its evaluation runs again.
        _ = try run(["eval.methods.0.planner.samples=50"])
        #expect(try journalLines().count == 5 && journalLines().last == "eval:latent CEM/reach/cup/lab-a fresh")

        // An interrupted stage (folder without marker) is resumed; the rest, keyed by configuration, is reused.
        try FileManager.default.removeItem(at: cache.directory(of: posttrain).appendingPathComponent(ArtifactCache.marker))
        #expect(cache.state(of: posttrain) == .partial)
        _ = try run([])
        #expect(try journalLines().count == 6 && journalLines().last == "posttrain resumed")
        #expect(cache.state(of: posttrain) == .complete)
    }

    @Test func theExpertEvaluationResumesAfterItsRecordedTrials() throws {
        let fixtures = try ScenarioFixtures()
        let path = try fixtures.write("expert.yaml", """
            name: expert
            eval:
              trials: 2
              tasks: [reach]
              objects: [cup]
              labs: [lab-a]
              methods: [{name: expert, scripted: expert}]
            """)
        let plan = try ScenarioPlan(scenario: Scenario.load(path), registry: Registry(), available: [.evalScripted])
        let cache = ArtifactCache(root: fixtures.folder.appendingPathComponent("cache"))
        let stage = try #require(plan.stages.first)
        let folder = cache.directory(of: stage)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Trial 0 was recorded before the interruption (marked as a failure so that a rerun would show), then a torn line.
        let recorded = TrialRecord(task: "reach", object: "cup", lab: "lab-a", trial: 0, seed: 0, success: false, steps: 20,
                                   secondsPerAction: 0)
        try TrialRecords.append(recorded, to: folder)
        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent(TrialRecords.fileName))
        handle.seekToEndOfFile()
        handle.write(Data("{\"task\":\"re".utf8))
        try handle.close()
        let run = try ScenarioRunner(plan: plan, cache: cache, stages: [.evalScripted: ScriptedEvaluationStage()], registry: Registry())
            .run(runs: fixtures.folder.appendingPathComponent("runs"), invocation: "test", echo: false)
        let records = try TrialRecords.read(from: folder)
        #expect(records.map(\.trial) == [0, 1])
        #expect(records[0] == recorded && records[1].success)
        let csv = try String(contentsOf: run.appendingPathComponent("table.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").last?.hasPrefix("expert,reach,cup,1,2,0.5000,") == true)
    }

    @Test func theDataStageWritesTheScenariosDatasetOnce() throws {
        let fixtures = try ScenarioFixtures()
        let path = try fixtures.write("data.yaml", """
            name: data
            data: {episodes: 2, frames: 3, size: 16, seed: 4}
            eval: {trials: 1, tasks: [reach], objects: [cup], methods: [{name: expert, scripted: expert}]}
            """)
        let plan = try ScenarioPlan(scenario: Scenario.load(path), registry: Registry(), available: [.data, .evalScripted])
        let cache = ArtifactCache(root: fixtures.folder.appendingPathComponent("cache"))
        let runner = ScenarioRunner(plan: plan, cache: cache, stages: [.data: DatasetStage(), .evalScripted: ScriptedEvaluationStage()],
                                    registry: Registry())
        _ = try runner.run(runs: fixtures.folder.appendingPathComponent("runs"), invocation: "test", echo: false)
        let data = try #require(plan.stage(named: "data"))
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.directory(of: data).path).sorted()
        #expect(files == [ArtifactCache.marker, ArtifactCache.configurationFile, "episode_000000.npz", "episode_000001.npz", "manifest.json"])
        #expect(data.configuration.contains("\"episodes\":2") && data.configuration.contains("\"seed\":4"))
        let second = try runner.run(runs: fixtures.folder.appendingPathComponent("runs"), invocation: "test", echo: false)
        let log = try String(contentsOf: second.appendingPathComponent("log.txt"), encoding: .utf8)
        #expect(log.contains("data: reused \(data.key.prefix(16))"))
    }
}
