import Foundation
import Harness
import Planners
import Predictors
import Tensor
import Testing

/// CEM time per action at the paper's budget (800 samples × 10 iterations, horizon 1) through `predictor/ac` of
/// the default shape (width 128, depth 4, 4 heads) on a 64-token encoder grid, for several poolings. Long: runs only
/// with `JEPALAB_BENCH=1`.
@Suite struct PlanningBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["JEPALAB_BENCH"] == "1"))
    func cemTimePerAction() throws {
        let latentWidth = Int(ProcessInfo.processInfo.environment["JEPALAB_LATENT_WIDTH"] ?? "") ?? 192
        let pools = (ProcessInfo.processInfo.environment["JEPALAB_POOLS"] ?? "1,2,4").split(separator: ",").compactMap { Int($0) }
        for pool in pools {
            let config = try ACPredictorConfig(encoderTokens: 64, latentWidth: latentWidth, pool: pool)
            let model = ACPredictor(config: config, seed: 0)
            var g = SeededGenerator(seed: 1)
            let latent = model.targets(.randomNormal([64, latentWidth], using: &g))
            let goal = model.targets(.randomNormal([64, latentWidth], using: &g))
            let problem = GoalProblem(predictor: model).problem(latent: latent, state: [0.5, 0, 0.2, 0, 0, 0, 0], goal: goal)
            var cem = try CEMPlanner()
            _ = try cem.plan(problem)
            var times: [Double] = []
            for _ in 0..<3 {
                let start = Date()
                _ = try cem.plan(problem)
                times.append(Date().timeIntervalSince(start))
            }
            let median = times.sorted()[1]
            print(String(format: "CEM 800×10, horizon 1, predictor/ac width 128 depth 4, latent width %d, pool %d "
                         + "(%d tokens/frame, %d per step): %.3f s per action (median of 3; %.0f samples/s)",
                         latentWidth, pool, config.tokensPerFrame, config.tokensPerStep, median, 8000 / median))
        }
    }
}
