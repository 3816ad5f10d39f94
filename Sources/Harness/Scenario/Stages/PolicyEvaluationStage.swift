/// The `eval-policy` stage: `jepalab eval --policy`'s library path (`PolicyAgent` running a `PlanningEvaluation`)
/// for one cell in one lab, with the policy trained by the baseline stage it names.
///
/// Episodes, records and trial lines are laid out as `PlannerEvaluationStage` lays them out (`records/`,
/// `episodes/`, `trials.jsonl`), and trial `i` meets the same task (drawn from `derive(eval seed, i)`, redrawn
/// while already solved), so one table compares policies and planners. On resume the recorded episodes are kept.
public struct PolicyEvaluationStage: Stage {
    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .eval(let cell) = context.stage.target, case .policy(let baseline, let location) = cell.method.kind else {
            throw ScenarioError("the eval-policy stage was given \(context.stage.name), which is not a policy method")
        }
        let agent = try PolicyAgent(policy: try context.component(.stage(baseline, at: location)), registry: context.registry)
        try cell.record(try cell.evaluation(in: context.scenario, names: agent.names), in: context, with: agent.run)
    }
}
