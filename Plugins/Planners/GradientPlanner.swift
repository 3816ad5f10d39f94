import Foundation
import Harness
import Tensor

/// Gradient descent on the action sequence through a differentiable predictor: `restarts` sequences drawn
/// uniformly inside the bounds, each moved by Adam on the energy for `iterations` steps and projected back into the
/// bounds (held axes stay put); returns the sequence of lowest final energy.
public struct GradientPlanner: Planner {
    public var iterations: Int
    public var restarts: Int
    public var learningRate: Float
    private var generator: SeededGenerator

    public init(iterations: Int = 30, restarts: Int = 16, learningRate: Float = 0.01, seed: UInt64 = 0) throws {
        guard iterations >= 1, restarts >= 1, learningRate > 0 else {
            throw PlanningError.invalidParameter(
                "planner/gradient: iterations and restarts must be ≥ 1 and the learning rate > 0; got \(iterations), \(restarts), \(learningRate)")
        }
        (self.iterations, self.restarts, self.learningRate) = (iterations, restarts, learningRate)
        generator = SeededGenerator(seed: seed)
    }

    public mutating func plan(_ problem: PlanningProblem) throws -> Tensor {
        guard let gradient = problem.energyGradient else { throw PlanningError.needsGradient(planner: "planner/gradient") }
        let bounds = problem.bounds, w = bounds.width, h = problem.horizon
        let n = restarts * h * w
        var x = (0..<n).map { i -> Float in
            let axis = i % w
            return bounds.lower[axis] + generator.nextUnit() * (bounds.upper[axis] - bounds.lower[axis])
        }
        var m = [Float](repeating: 0, count: n), v = [Float](repeating: 0, count: n)
        let (b1, b2, eps): (Float, Float, Float) = (0.9, 0.999, 1e-8)
        for step in 1...iterations {
            let g = gradient(Tensor(shape: [restarts, h, w], scalars: x)).gradient.scalars
            let c1 = 1 - Foundation.pow(b1, Float(step)), c2 = 1 - Foundation.pow(b2, Float(step))
            for i in 0..<n where bounds.lower[i % w] < bounds.upper[i % w] {
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                x[i] = bounds.clip(x[i] - learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps), axis: i % w)
            }
        }
        let energies = problem.energy(Tensor(shape: [restarts, h, w], scalars: x)).scalars
        let best = energies.indices.min { energies[$0] < energies[$1] }!
        return Tensor(shape: [h, w], scalars: Array(x[(best * h * w)..<((best + 1) * h * w)]))
    }
}
