import Baselines
import Harness
import Planners
import Predictors
import Tensor

/// Time per action of CEM at the paper's budgets: latent planning (800 samples × 10 iterations, horizon 1) over
/// `predictor/ac` at its default shape (width 128, depth 4, pool 2 over `encoder/vjepa`'s 64 × 96 tokens) against the
/// bare rollouts of the same 8,000 samples, whose difference is the planner's own cost; the same budget with pool 4
/// (4 tokens per frame) against pool 2; and the Cosmos budget (80 × 10) over `predictor/pixels` on 16-pixel patches
/// against the latent planner, the paper's ratio of the two.
enum PlanningBench {
    static let bench = Bench(
        name: "planning",
        summary: "CEM per action: 800 × 10 over predictor/ac (16 tokens/frame) vs its bare rollouts, and with 4 tokens/frame; "
            + "80 × 10 over predictor/pixels vs latent"
    ) { repeats in
        var generator = SeededGenerator(seed: 1)
        let state: [Float] = [0.5, 0, 0.2, 0, 0, 0, 0]
        func secondsPerAction(_ model: any Predictor, tokens: Int, width: Int, samples: Int) throws -> Double {
            let latent = model.targets(.randomNormal([tokens, width], using: &generator))
            let goal = model.targets(.randomNormal([tokens, width], using: &generator))
            let problem = GoalProblem(predictor: model).problem(latent: latent, state: state, goal: goal)
            var cem = try CEMPlanner(samples: samples, iterations: 10)
            return try Bench.medianSeconds(repeats: repeats) { _ = try cem.plan(problem) }
        }
        let latentModel = ACPredictor(config: try ACPredictorConfig(encoderTokens: 64, latentWidth: 96), seed: 0)
        let latent = try secondsPerAction(latentModel, tokens: 64, width: 96, samples: 800)
        let context = latentModel.targets(.randomNormal([64, 96], using: &generator))
        let actions = Tensor.randomUniform([800, 1, 7], in: -0.05...0.05, using: &generator)
        let rollouts = Bench.medianSeconds(repeats: repeats) {
            for _ in 0..<10 { _ = latentModel.rollout(latent: context, state: state, actions: actions) }
        }
        let pooledModel = ACPredictor(config: try ACPredictorConfig(encoderTokens: 64, latentWidth: 96, pool: 4), seed: 0)
        let pooled = try secondsPerAction(pooledModel, tokens: 64, width: 96, samples: 800)
        let pixelModel = PixelWorldModel(config: try PixelWorldModelConfig(imageSize: 64, encoderTokens: 16, latentWidth: 1536), seed: 0)
        let pixels = try secondsPerAction(pixelModel, tokens: 16, width: 1536, samples: 80)
        return [
            BenchFigure(benchmark: "planning", name: "latent CEM 800 × 10 per action", value: latent, unit: "s",
                        reference: .init(name: "8,000 bare rollouts", value: rollouts, unit: "s")),
            BenchFigure(benchmark: "planning", name: "latent CEM 800 × 10 per action, pool 4", value: pooled, unit: "s",
                        reference: .init(name: "pool 2", value: latent, unit: "s")),
            BenchFigure(benchmark: "planning", name: "pixel CEM 80 × 10 per action", value: pixels, unit: "s",
                        reference: .init(name: "latent CEM 800 × 10", value: latent, unit: "s")),
        ]
    }
}
