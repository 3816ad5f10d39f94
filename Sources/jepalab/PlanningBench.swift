import Harness
import Planners
import Predictors
import Tensor

/// CEM time per action at the paper's budget (800 samples × 10 iterations, horizon 1) over `predictor/ac` at its
/// default shape (width 128, depth 4, pool 2 over `encoder/vjepa`'s 64 × 96 tokens), against the bare rollouts of the
/// same 8,000 samples in ten batches of 800: the difference is the planner's own cost.
enum PlanningBench {
    static let bench = Bench(
        name: "planning",
        summary: "CEM 800 × 10, horizon 1, over predictor/ac (16 tokens/frame): seconds per action; vs the bare rollouts"
    ) { repeats in
        let model = ACPredictor(config: try ACPredictorConfig(encoderTokens: 64, latentWidth: 96), seed: 0)
        var generator = SeededGenerator(seed: 1)
        let latent = model.targets(.randomNormal([64, 96], using: &generator))
        let goal = model.targets(.randomNormal([64, 96], using: &generator))
        let state: [Float] = [0.5, 0, 0.2, 0, 0, 0, 0]
        let problem = GoalProblem(predictor: model).problem(latent: latent, state: state, goal: goal)
        var cem = try CEMPlanner(samples: 800, iterations: 10)
        let perAction = try Bench.medianSeconds(repeats: repeats) { _ = try cem.plan(problem) }
        let actions = Tensor.randomUniform([800, 1, 7], in: -0.05...0.05, using: &generator)
        let rollouts = Bench.medianSeconds(repeats: repeats) {
            for _ in 0..<10 { _ = model.rollout(latent: latent, state: state, actions: actions) }
        }
        return [BenchFigure(benchmark: "planning", name: "CEM 800 × 10 per action", value: perAction, unit: "s",
                            reference: .init(name: "8,000 bare rollouts", value: rollouts, unit: "s"))]
    }
}
