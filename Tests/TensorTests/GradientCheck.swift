import Tensor
import Testing

/// Compares reverse-mode gradients with central finite differences.
///
/// The checked scalar is `Σ f(x) ⊙ R` for a fixed random `R`, so every output contributes with its own weight.
/// The relative error `‖analytic − numeric‖ / ‖numeric‖` must stay below `tolerance`; a gradient that is wrong by a
/// factor, a sign or a transposition gives errors of order 1.
func checkGradients(
    _ inputs: [Tensor], step: Float = 1e-2, tolerance: Double = 2e-2,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: @escaping ([Tensor]) -> Tensor
) {
    var generator = SeededGenerator(seed: 99)
    let probe = f(inputs.map(\.detached))
    let weights = Tensor.randomNormal(probe.shape, using: &generator)
    let objective = { (xs: [Tensor]) -> Tensor in (f(xs) * weights).sum() }
    let (_, analytic) = Tensor.valueWithGradient(at: inputs, of: objective)
    for (index, input) in inputs.enumerated() {
        var numeric = [Double](repeating: 0, count: input.count)
        for i in 0..<input.count {
            var plus = inputs, minus = inputs
            plus[index].withUnsafeMutableBufferPointer { $0[i] += step }
            minus[index].withUnsafeMutableBufferPointer { $0[i] -= step }
            numeric[i] = (Double(objective(plus).scalar) - Double(objective(minus).scalar)) / Double(2 * step)
        }
        let a = analytic[index].scalars.map(Double.init)
        let difference = zip(a, numeric).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let scale = max(numeric.reduce(0.0) { $0 + $1 * $1 }.squareRoot(), 1e-3)
        #expect(difference / scale < tolerance, "input \(index) of shape \(input.shape): relative error \(difference / scale)",
                sourceLocation: sourceLocation)
    }
}

/// A deterministic random tensor for tests.
func random(_ shape: [Int], seed: UInt64, std: Float = 1) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.randomNormal(shape, std: std, using: &generator)
}

/// A random tensor whose scalars stay at least `margin` away from zero (for functions with a kink there).
func awayFromZero(_ shape: [Int], seed: UInt64, margin: Float = 0.1) -> Tensor {
    random(shape, seed: seed).map { $0 >= 0 ? $0 + margin : $0 - margin }
}

extension Tensor {
    func map(_ f: (Float) -> Float) -> Tensor { Tensor(shape: shape, scalars: scalars.map(f)) }
}
