import Foundation
import Sim

/// The `eval-policy` stage: `jepalab eval --policy`'s library path (`PolicyAgent` running a `PlanningEvaluation`)
/// for every cell × lab × trial of the section, with the policy trained by the baseline stage it names.
///
/// Episodes, records and trial lines are laid out as `PlannerEvaluationStage` lays them out (`<lab>/records/`,
/// `<lab>/episodes/`, `trials.jsonl`), and trial `i` meets the same task (drawn from `derive(eval seed, i)`, redrawn
/// while already solved), so one table compares policies and planners. On resume the recorded episodes are kept.
public struct PolicyEvaluationStage: Stage {
    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .eval(let method, let eval) = context.stage.target, case .policy(let baseline, let location) = method.kind else {
            throw ScenarioError("the eval-policy stage was given \(context.stage.name), which is not a policy method")
        }
        let agent = try PolicyAgent(policy: try context.component(.stage(baseline, at: location)), registry: context.registry)
        var evaluations = [(lab: String, folder: URL, evaluation: PlanningEvaluation)]()
        for labName in eval.labs {
            for cell in eval.cells {
                let evaluation = PlanningEvaluation(
                    kinds: [try ManipulationTask.Kind(named: cell.task)], objects: [try SceneObject(named: cell.object)],
                    lab: try context.scenario.lab(named: labName), trials: eval.trials, seed: eval.seed, names: agent.names)
                evaluations.append((labName, context.directory.appendingPathComponent(labName), evaluation))
            }
        }
        // The episode records are the resumable state: rebuild the trial lines from them, then append as episodes end.
        try? FileManager.default.removeItem(at: context.directory.appendingPathComponent(TrialRecords.fileName))
        var recorded = 0
        for (lab, folder, evaluation) in evaluations {
            for record in try EvaluationTable.records(in: folder)
            where record.task == evaluation.kinds[0].rawValue && record.object == evaluation.objects[0].rawValue {
                try TrialRecords.append(PlannerEvaluationStage.trial(record, lab: lab), to: context.directory)
                recorded += 1
            }
        }
        if recorded > 0 { context.log("\(context.stage.name): \(recorded) episodes already recorded") }
        for (lab, folder, evaluation) in evaluations {
            var successes = 0, ran = 0, failure: Error?
            try agent.run(evaluation, in: folder) { record in
                ran += 1
                if record.success { successes += 1 }
                do { try TrialRecords.append(PlannerEvaluationStage.trial(record, lab: lab), to: context.directory) } catch {
                    failure = failure ?? error
                }
            }
            if let failure { throw failure }
            if ran > 0 {
                context.log("\(context.stage.name) \(evaluation.kinds[0].rawValue) \(evaluation.objects[0].rawValue) \(lab): "
                            + "\(successes)/\(ran) successes")
            }
        }
    }
}
