import Tensor
import Testing

@Suite struct TensorTests {
    @Test func valueSemantics() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        var b = a
        b[0, 1] = 9
        #expect(a[0, 1] == 2 && b[0, 1] == 9)
        #expect(a.reshaped([4]).shape == [4])
    }

    @Test func sameSeedSameNumbers() {
        var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7), g3 = SeededGenerator(seed: 8)
        let a = Tensor.randomNormal([100], using: &g1), b = Tensor.randomNormal([100], using: &g2)
        #expect(a.scalars == b.scalars)
        #expect(a.scalars != Tensor.randomNormal([100], using: &g3).scalars)
        var g4 = SeededGenerator(seed: 1)
        let normal = Tensor.randomNormal([20_000], std: 2, using: &g4)
        let mean = normal.mean().scalar, std = (normal - mean).squared().mean().scalar.squareRoot()
        #expect(Swift.abs(mean) < 0.05 && Swift.abs(std - 2) < 0.05)
        let uniform = Tensor.randomUniform([20_000], in: -1...3, using: &g4)
        #expect(uniform.scalars.allSatisfy { $0 >= -1 && $0 <= 3 } && Swift.abs(uniform.mean().scalar - 1) < 0.05)
    }

    @Test func untrackedComputationRecordsNothing() {
        let a = random([3, 3], seed: 1)
        #expect(!(a * a + 1).gelu().isTracked)
        let (value, gradients) = Tensor.valueWithGradient(at: [a]) { xs in
            #expect(xs[0].isTracked && !xs[0].detached.isTracked)
            return (xs[0] * xs[0]).sum()
        }
        #expect(!value.isTracked)
        for (g, x) in zip(gradients[0].scalars, a.scalars) { #expect(Swift.abs(g - 2 * x) < 1e-6) }
    }

    @Test func reusedInputAccumulatesGradient() {
        let (_, g) = Tensor.valueWithGradient(at: [Tensor(3)]) { xs in xs[0] * xs[0] * xs[0] + xs[0] }
        #expect(Swift.abs(g[0].scalar - 28) < 1e-4)
    }
}
