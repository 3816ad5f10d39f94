import Harness
import Tensor

/// The cross-entropy method of V-JEPA 2-AC: a Gaussian over action sequences refined toward its lowest-energy
/// samples (`elites`), with momentum on the mean and deviation and every sample clipped to the bounds; returns the
/// final mean. The paper's budget: 800 samples, 10 iterations, horizon 1.
public struct CEMPlanner: Planner {
    public var samples: Int
    public var iterations: Int
    public var elites: Int
    public var meanMomentum: Float
    public var stdMomentum: Float
    private var generator: SeededGenerator

    public init(samples: Int = 800, iterations: Int = 10, elites: Int = 10, meanMomentum: Float = 0.15,
                stdMomentum: Float = 0.15, seed: UInt64 = 0) throws {
        guard samples >= 2, iterations >= 1, (1...samples).contains(elites),
              (0..<1).contains(meanMomentum), (0..<1).contains(stdMomentum) else {
            throw PlanningError.invalidParameter(
                "planner/cem: need samples ≥ 2, iterations ≥ 1, 1 ≤ elites ≤ samples and momenta in [0, 1); got "
                + "samples \(samples), iterations \(iterations), elites \(elites), momenta \(meanMomentum), \(stdMomentum)")
        }
        (self.samples, self.iterations, self.elites) = (samples, iterations, elites)
        (self.meanMomentum, self.stdMomentum) = (meanMomentum, stdMomentum)
        generator = SeededGenerator(seed: seed)
    }

    public mutating func plan(_ problem: PlanningProblem) throws -> Tensor {
        var gaussian = ActionGaussian(horizon: problem.horizon, bounds: problem.bounds, start: problem.start)
        let weights = [Float](repeating: 1 / Float(elites), count: elites)
        for _ in 0..<iterations {
            let candidates = gaussian.sample(samples, using: &generator)
            let best = ActionGaussian.lowest(elites, of: problem.energy(candidates))
            let (mean, std) = gaussian.statistics(of: candidates, indices: best, weights: weights)
            gaussian.update(mean: mean, std: std, meanMomentum: meanMomentum, stdMomentum: stdMomentum)
        }
        return gaussian.meanSequence
    }
}
