import Foundation
import Testing

/// The whole pipeline end to end through `jepalab run scenarios/quickstart.yaml`, every size shrunk with `--set`:
/// data, V-JEPA pre-training, predictor post-training, CEM with the trained predictor, the oracle and the expert.
@Suite struct QuickstartPipelineTests {
    static let shrink = [
        "data.episodes=4", "data.frames=8", "data.size=32",
        "pretrain.steps=3", "pretrain.batch=2", "pretrain.options.width=32", "pretrain.options.depth=1",
        "posttrain.steps=3", "posttrain.batch=2", "posttrain.predictor.width=32", "posttrain.predictor.depth=1",
        "eval.trials=1", "eval.tasks=[reach]",
        "eval.methods.0.planner.samples=16", "eval.methods.0.planner.iterations=1",
        "eval.methods.1.planner.samples=4", "eval.methods.1.planner.elites=2", "eval.methods.1.planner.iterations=1",
    ].flatMap { ["--set", $0] }

    @Test func quickstartRunsEndToEndAndARerunReusesEveryStage() throws {
        let folder = try Folder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = ScenarioFilesTests.root.appendingPathComponent("scenarios/quickstart.yaml").path
        let arguments = ["run", scenario, "--runs", folder.appendingPathComponent("runs").path,
                         "--cache", folder.appendingPathComponent("cache").path] + QuickstartPipelineTests.shrink
        let (status, output) = try JEPALabProcess.run(arguments)
        try #require(status == 0, "\(output)")
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("runs").path)
        try #require(runs.count == 1, "\(runs)")
        let run = folder.appendingPathComponent("runs").appendingPathComponent(runs[0])
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: run.path))
        for name in ["table.md", "table.csv", "results.json", "report.md", "success.svg", "success.png", "log.txt", "curves"] {
            #expect(names.contains(name), "\(name) missing from \(names.sorted())")
        }
        let table = try String(contentsOf: run.appendingPathComponent("table.md"), encoding: .utf8)
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| method") && !$0.hasPrefix("| ---") }
        #expect(rows.map { $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces) } == ["V-JEPA 2-AC", "oracle", "expert"],
                "\(table)")
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("results.json"))) as? [String: Any]
        let cells = (results?["cells"] as? [[String: Any]])?.compactMap { $0["result"] as? [String: Any] } ?? []
        #expect(cells.count == 3 && cells.allSatisfy { $0["trials"] as? Int == 1 && $0["task"] as? String == "reach" }, "\(cells)")
        for file in ["pretrain.svg", "posttrain.svg"] {
            #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("curves").appendingPathComponent(file).path))
        }

        let (again, rerun) = try JEPALabProcess.run(arguments)
        try #require(again == 0, "\(rerun)")
        for stage in ["data", "pretrain", "posttrain", "eval:V-JEPA 2-AC/reach/cup/lab-a", "eval:oracle/reach/cup/lab-a",
                      "eval:expert/reach/cup/lab-a"] {
            #expect(rerun.contains("\(stage): reused "), "\(stage) was not reused:\n\(rerun)")
        }
        #expect(!rerun.contains("running"), "\(rerun)")

        // The same configuration into a fresh cache gives the same checkpoints and the same outcomes.
        let other = folder.appendingPathComponent("other")
        let (third, fresh) = try JEPALabProcess.run(["run", scenario, "--quiet", "--runs", other.appendingPathComponent("runs").path,
                                                     "--cache", other.appendingPathComponent("cache").path] + QuickstartPipelineTests.shrink)
        try #require(third == 0, "\(fresh)")
        for (stage, file) in [("pretrain", "encoder.safetensors"), ("posttrain", "predictor.safetensors")] {
            let paths = try [folder, other].map { root in
                let stageFolder = root.appendingPathComponent("cache").appendingPathComponent(stage)
                return stageFolder.appendingPathComponent(try #require(FileManager.default.contentsOfDirectory(atPath: stageFolder.path).first))
                    .appendingPathComponent(file)
            }
            #expect(try Data(contentsOf: paths[0]) == Data(contentsOf: paths[1]), "\(stage) differs between two runs")
        }
        let outcomes = try [run, try #require(FileManager.default.contentsOfDirectory(at: other.appendingPathComponent("runs"),
                                                                                       includingPropertiesForKeys: nil).first)].map { folder in
            let results = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("results.json"))) as? [String: Any]
            return (results?["cells"] as? [[String: Any]])?.compactMap { ($0["result"] as? [String: Any])?["successes"] as? Int } ?? []
        }
        #expect(outcomes[0] == outcomes[1] && outcomes[0].count == 3, "\(outcomes)")
    }

    @Test func probesScenarioRecordsOneRowPerEncoderAndTask() throws {
        let folder = try Folder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = ScenarioFilesTests.root.appendingPathComponent("scenarios/probes.yaml").path
        let shrink = ["data.episodes=5", "data.frames=12", "data.size=32", "pretrain.steps=3", "pretrain.options.width=32",
                      "pretrain.options.depth=1", "probes.steps=5",
                      "probes.data.episodes=5", "probes.data.frames=12", "probes.data.size=32", "probes.encoders=[pretrain, {id: encoder/pixels, image_size: 32}]"]
        let (status, output) = try JEPALabProcess.run(["run", scenario, "--quiet", "--runs", folder.appendingPathComponent("runs").path,
                                                       "--cache", folder.appendingPathComponent("cache").path]
                                                      + shrink.flatMap { ["--set", $0] })
        try #require(status == 0, "\(output)")
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("runs").path)
        let run = folder.appendingPathComponent("runs").appendingPathComponent(try #require(runs.first))
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("results.json"))) as? [String: Any]
        let cells = (results?["cells"] as? [[String: Any]])?.compactMap { $0["result"] as? [String: Any] } ?? []
        let keys = Set(cells.compactMap { cell in (cell["method"] as? String).flatMap { m in (cell["task"] as? String).map { m + "/" + $0 } } })
        #expect(keys == ["pretrain/motion", "pretrain/anticipation", "encoder/pixels/motion", "encoder/pixels/anticipation"], "\(cells)")
        #expect(cells.allSatisfy { ($0["trials"] as? Int ?? 0) > 0 }, "\(cells)")
    }
}
