import Foundation
import Harness
import Tensor

/// Model-predictive path integral control, in the iterated form of TD-MPC: each iteration samples the Gaussian,
/// weights the `elites` lowest-energy samples by `exp(−(E − E_min) / (temperature · spread))` — `spread` being the
/// elites' energy range, so the temperature is scale-free — and moves the mean and deviation to the weighted
/// statistics (with momentum). Returns the final mean.
public struct MPPIPlanner: Planner {
    public var samples: Int
    public var iterations: Int
    public var elites: Int
    public var temperature: Float
    public var momentum: Float
    private var generator: SeededGenerator

    public init(samples: Int = 800, iterations: Int = 10, elites: Int = 64, temperature: Float = 0.1,
                momentum: Float = 0.1, seed: UInt64 = 0) throws {
        guard samples >= 2, iterations >= 1, (1...samples).contains(elites), temperature > 0, (0..<1).contains(momentum) else {
            throw PlanningError.invalidParameter(
                "planner/mppi: need samples ≥ 2, iterations ≥ 1, 1 ≤ elites ≤ samples, temperature > 0, momentum in "
                + "[0, 1); got \(samples), \(iterations), \(elites), \(temperature), \(momentum)")
        }
        (self.samples, self.iterations, self.elites) = (samples, iterations, elites)
        (self.temperature, self.momentum) = (temperature, momentum)
        generator = SeededGenerator(seed: seed)
    }

    public mutating func plan(_ problem: PlanningProblem) throws -> Tensor {
        var gaussian = ActionGaussian(horizon: problem.horizon, bounds: problem.bounds, start: problem.start)
        for _ in 0..<iterations {
            let candidates = gaussian.sample(samples, using: &generator)
            let energies = problem.energy(candidates)
            let best = ActionGaussian.lowest(elites, of: energies)
            let e = best.map { energies.scalars[$0] }
            let spread = max(e.last! - e.first!, 1e-12)
            let raw = e.map { Foundation.exp(-($0 - e.first!) / (temperature * spread)) }
            let total = raw.reduce(0, +)
            let (mean, std) = gaussian.statistics(of: candidates, indices: best, weights: raw.map { $0 / total })
            gaussian.update(mean: mean, std: std, meanMomentum: momentum, stdMomentum: momentum)
        }
        return gaussian.meanSequence
    }
}
