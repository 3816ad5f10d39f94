import Harness
import Tensor

/// The simplest baseline: `batches × samples` sequences drawn uniformly inside the bounds; returns the one of
/// lowest energy.
public struct RandomShootingPlanner: Planner {
    public var samples: Int
    public var batches: Int
    private var generator: SeededGenerator

    public init(samples: Int = 800, batches: Int = 10, seed: UInt64 = 0) throws {
        guard samples >= 1, batches >= 1 else {
            throw PlanningError.invalidParameter("planner/random-shooting: samples and batches must be ≥ 1, got \(samples), \(batches)")
        }
        (self.samples, self.batches) = (samples, batches)
        generator = SeededGenerator(seed: seed)
    }

    public mutating func plan(_ problem: PlanningProblem) throws -> Tensor {
        let (h, bounds) = (problem.horizon, problem.bounds)
        let n = h * bounds.width
        var best: (energy: Float, sequence: [Float]) = (.infinity, [])
        for _ in 0..<batches {
            var scalars = [Float](repeating: 0, count: samples * n)
            for i in scalars.indices {
                let axis = i % bounds.width
                scalars[i] = bounds.lower[axis] + generator.nextUnit() * (bounds.upper[axis] - bounds.lower[axis])
            }
            let energies = problem.energy(Tensor(shape: [samples, h, bounds.width], scalars: scalars)).scalars
            for (s, e) in energies.enumerated() where e < best.energy {
                best = (e, Array(scalars[(s * n)..<((s + 1) * n)]))
            }
        }
        return Tensor(shape: [h, bounds.width], scalars: best.sequence)
    }
}
