/// The `eval-planner` stage: `jepalab eval --planner`'s library path (`PlanningAgent` running a `PlanningEvaluation`)
/// for one cell in one lab, with the method's encoder and predictor taken from the scenario or from the stages that
/// trained them.
///
/// The episodes go to `records/` with their frames in `episodes/`; `trials.jsonl` gets one `TrialRecord` per
/// episode. Trial `i` uses the task drawn from `derive(eval seed, i)` (redrawn while already solved) and a planner
/// seeded with its seed plus `i`. On resume the recorded episodes are kept and the rest run.
public struct PlannerEvaluationStage: Stage {
    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .eval(let cell) = context.stage.target,
              case .planner(let planning) = cell.method.kind else {
            throw ScenarioError("the eval-planner stage was given \(context.stage.name), which is not a planner method")
        }
        let agent = try PlanningAgent(encoder: try context.component(planning.encoder),
                                      predictor: try context.component(planning.predictor),
                                      planner: StageComponent(id: planning.planner.id, parameters: planning.planner.parameters),
                                      registry: context.registry)
        var evaluation = try cell.evaluation(in: context.scenario, names: agent.names)
        evaluation.horizon = planning.horizon
        evaluation.stepControl = planning.steps.control
        evaluation.gripper = planning.gripper
        try cell.record(evaluation, in: context, with: agent.run)
    }
}
