import Foundation
import Sim

/// The `eval-planner` stage: `jepalab eval --planner`'s library path (`PlanningAgent` running a
/// `PlanningEvaluation`) for every cell × lab × trial of the section, with the method's encoder and predictor taken
/// from the scenario or from the stages that trained them.
///
/// Each lab's episodes go to `<lab>/records/` with their frames in `<lab>/episodes/`; `trials.jsonl` gets one
/// `TrialRecord` per episode. Trial `i` uses the task drawn from `derive(eval seed, i)` (redrawn while already
/// solved) and a planner seeded with its seed plus `i`. On resume the recorded episodes are kept and the rest run.
public struct PlannerEvaluationStage: Stage {
    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .eval(let method, let eval) = context.stage.target,
              case .planner(let planner, let horizon, let encoder, let predictor) = method.kind else {
            throw ScenarioError("the eval-planner stage was given \(context.stage.name), which is not a planner method")
        }
        let agent = try PlanningAgent(encoder: try context.component(encoder), predictor: try context.component(predictor),
                                      planner: StageComponent(id: planner.id, parameters: planner.parameters),
                                      registry: context.registry)
        var evaluations = [(lab: String, folder: URL, evaluation: PlanningEvaluation)]()
        for labName in eval.labs {
            for cell in eval.cells {
                var evaluation = PlanningEvaluation(
                    kinds: [try ManipulationTask.Kind(named: cell.task)], objects: [try SceneObject(named: cell.object)],
                    lab: try context.scenario.lab(named: labName), trials: eval.trials, seed: eval.seed, names: agent.names)
                evaluation.horizon = horizon
                evaluations.append((labName, context.directory.appendingPathComponent(labName), evaluation))
            }
        }
        // The episode records are the resumable state: rebuild the trial lines from them, then append as episodes end.
        var recorded = [TrialRecord]()
        for (lab, folder, evaluation) in evaluations {
            for trial in 0..<eval.trials {
                let name = EpisodeRecord.fileName(task: evaluation.kinds[0].rawValue, object: evaluation.objects[0].rawValue, trial: trial)
                let url = folder.appendingPathComponent("records").appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                recorded.append(Self.trial(try EpisodeRecord.read(from: url), lab: lab))
            }
        }
        try? FileManager.default.removeItem(at: context.directory.appendingPathComponent(TrialRecords.fileName))
        for record in recorded { try TrialRecords.append(record, to: context.directory) }
        if !recorded.isEmpty { context.log("\(context.stage.name): \(recorded.count) episodes already recorded") }
        for (lab, folder, evaluation) in evaluations {
            var successes = 0, ran = 0, failure: Error?
            try agent.run(evaluation, in: folder) { record in
                ran += 1
                if record.success { successes += 1 }
                do { try TrialRecords.append(Self.trial(record, lab: lab), to: context.directory) } catch { failure = failure ?? error }
            }
            if let failure { throw failure }
            if ran > 0 {
                context.log("\(context.stage.name) \(evaluation.kinds[0].rawValue) \(evaluation.objects[0].rawValue) \(lab): "
                            + "\(successes)/\(ran) successes")
            }
        }
    }

    static func trial(_ record: EpisodeRecord, lab: String) -> TrialRecord {
        TrialRecord(task: record.task, object: record.object, lab: lab, trial: record.trial, seed: record.taskSeed,
                    success: record.success, steps: record.steps, secondsPerAction: record.secondsPerAction)
    }
}
