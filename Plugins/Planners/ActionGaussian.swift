import Harness
import Tensor

/// An axis-wise Gaussian over action sequences `[H, 7]` inside bounds: the search distribution of CEM and MPPI.
///
/// Searched axes start at `start` (clipped into the bounds; by default their middle) with a deviation of half their
/// width; held axes (equal bounds) always take their bound.
struct ActionGaussian {
    let bounds: ActionBounds
    let horizon: Int
    var mean: [Float]
    var std: [Float]

    init(horizon: Int, bounds: ActionBounds, start: [Float]? = nil) {
        self.bounds = bounds
        self.horizon = horizon
        let half = zip(bounds.lower, bounds.upper).map { ($1 - $0) / 2 }
        let first = start.map { action in action.indices.map { bounds.clip(action[$0], axis: $0) } } ?? bounds.centre
        mean = Array(Array(repeating: first, count: horizon).joined())
        std = Array(Array(repeating: half, count: horizon).joined())
    }

    var width: Int { bounds.width }

    /// `count` sequences `[count, H, 7]`, each value clipped into the bounds.
    func sample(_ count: Int, using generator: inout SeededGenerator) -> Tensor {
        let n = horizon * width
        var scalars = [Float](repeating: 0, count: count * n)
        for s in 0..<count {
            for i in 0..<n {
                let axis = i % width
                let draw = bounds.lower[axis] < bounds.upper[axis] ? mean[i] + std[i] * generator.nextNormal() : mean[i]
                scalars[s * n + i] = bounds.clip(draw, axis: axis)
            }
        }
        return Tensor(shape: [count, horizon, width], scalars: scalars)
    }

    /// The weighted mean and deviation of the chosen samples (weights sum to 1).
    func statistics(of samples: Tensor, indices: [Int], weights: [Float]) -> (mean: [Float], std: [Float]) {
        let n = horizon * width
        let x = samples.scalars
        var m = [Float](repeating: 0, count: n), v = [Float](repeating: 0, count: n)
        for (index, weight) in zip(indices, weights) {
            for i in 0..<n { m[i] += weight * x[index * n + i] }
        }
        for (index, weight) in zip(indices, weights) {
            for i in 0..<n { v[i] += weight * (x[index * n + i] - m[i]) * (x[index * n + i] - m[i]) }
        }
        return (m, v.map { $0.squareRoot() })
    }

    /// Moves towards new statistics: `θ ← momentum·θ + (1 − momentum)·θ_new`, held axes untouched.
    mutating func update(mean newMean: [Float], std newStd: [Float], meanMomentum: Float, stdMomentum: Float) {
        for i in mean.indices where bounds.lower[i % width] < bounds.upper[i % width] {
            mean[i] = meanMomentum * mean[i] + (1 - meanMomentum) * newMean[i]
            std[i] = stdMomentum * std[i] + (1 - stdMomentum) * newStd[i]
        }
    }

    /// The mean as a sequence `[H, 7]`, clipped into the bounds.
    var meanSequence: Tensor {
        Tensor(shape: [horizon, width], scalars: mean.indices.map { bounds.clip(mean[$0], axis: $0 % width) })
    }

    /// Indices of the `k` lowest energies, lowest first.
    static func lowest(_ k: Int, of energies: Tensor) -> [Int] {
        let e = energies.scalars
        return Array(e.indices.sorted { e[$0] != e[$1] ? e[$0] < e[$1] : $0 < $1 }.prefix(k))
    }
}
