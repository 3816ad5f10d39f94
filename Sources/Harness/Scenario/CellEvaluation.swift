import Foundation
import Sim

/// One method's episodes in one task × object cell of one lab: the unit of evaluation the cache stores, so that
/// scenarios sharing a cell (table2 and table3 both evaluate reach with a cup in lab-a) share its episodes.
public struct CellEvaluation: Sendable {
    public let method: EvalMethod
    public let cell: EvalCell
    public let lab: String
    public let trials: Int
    public let seed: UInt64

    /// The episodes to run, for an agent named `names`: trial `i` meets the task drawn from `derive(seed, i)`.
    func evaluation(in scenario: Scenario, names: (encoder: String, predictor: String, planner: String)) throws -> PlanningEvaluation {
        PlanningEvaluation(kinds: [try ManipulationTask.Kind(named: cell.task)], objects: [try SceneObject(named: cell.object)],
                           lab: try scenario.lab(named: lab), trials: trials, seed: seed, names: names)
    }

    /// Runs `evaluation` into the stage's folder with `run` (an agent's `run(_:in:done:)`), keeping `trials.jsonl`
    /// in step with the episode records: on resume the lines are rebuilt from the records already there, and each
    /// new episode's line is appended when it ends.
    func record(_ evaluation: PlanningEvaluation, in context: StageContext,
                with run: (PlanningEvaluation, URL, (EpisodeRecord) -> Void) throws -> Void) throws {
        try? FileManager.default.removeItem(at: context.directory.appendingPathComponent(TrialRecords.fileName))
        let recorded = try EvaluationTable.records(in: context.directory)
        for record in recorded { try TrialRecords.append(trial(record), to: context.directory) }
        if !recorded.isEmpty { context.log("\(context.stage.name): \(recorded.count) episodes already recorded") }
        var successes = 0, ran = 0, failure: Error?
        try run(evaluation, context.directory) { record in
            ran += 1
            if record.success { successes += 1 }
            do { try TrialRecords.append(trial(record), to: context.directory) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        if ran > 0 { context.log("\(context.stage.name): \(successes)/\(ran) successes") }
    }

    private func trial(_ record: EpisodeRecord) -> TrialRecord {
        TrialRecord(task: record.task, object: record.object, lab: lab, trial: record.trial, seed: record.taskSeed,
                    success: record.success, steps: record.steps, secondsPerAction: record.secondsPerAction)
    }
}

extension EvalSection {
    /// Every method × lab × cell of the section, in that order.
    public var cellEvaluations: [CellEvaluation] {
        methods.flatMap { method in
            labs.flatMap { lab in
                cells.map { CellEvaluation(method: method, cell: $0, lab: lab, trials: trials, seed: seed) }
            }
        }
    }
}
