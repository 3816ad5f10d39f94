import Tensor
import Testing

@Suite struct ElementwiseGradientTests {
    @Test func arithmeticWithBroadcasting() {
        let a = random([3, 4], seed: 1), b = random([3, 4], seed: 2), row = random([4], seed: 3)
        let column = random([3, 1], seed: 4), positive = random([3, 4], seed: 5).map { Swift.abs($0) + 0.5 }
        checkGradients([a, b]) { $0[0] + $0[1] }
        checkGradients([a, b]) { $0[0] - $0[1] }
        checkGradients([a, b]) { $0[0] * $0[1] }
        checkGradients([a, positive]) { $0[0] / $0[1] }
        checkGradients([a, row]) { $0[0] + $0[1] }
        checkGradients([a, row]) { $0[1] - $0[0] }
        checkGradients([a, column]) { $0[0] * $0[1] }
        checkGradients([column, row]) { $0[0] - $0[1] }
        checkGradients([a, Tensor(1.5)]) { $0[0] / $0[1] }
    }

    @Test func scalarArithmetic() {
        let a = random([2, 3], seed: 6)
        checkGradients([a]) { 2.5 * $0[0] + 1 }
        checkGradients([a]) { 1 - $0[0] / 4 }
        checkGradients([a]) { -$0[0] }
    }

    @Test func unaryFunctions() {
        let a = random([2, 5], seed: 7), positive = random([2, 5], seed: 8).map { Swift.abs($0) + 0.5 }
        let kinked = awayFromZero([2, 5], seed: 9)
        checkGradients([a]) { $0[0].exp() }
        checkGradients([positive]) { $0[0].log() }
        checkGradients([positive]) { $0[0].sqrt() }
        checkGradients([a]) { $0[0].squared() }
        checkGradients([kinked]) { $0[0].abs() }
        checkGradients([kinked]) { $0[0].relu() }
        checkGradients([a]) { $0[0].sigmoid() }
        checkGradients([a]) { $0[0].tanh() }
        checkGradients([random([4, 6], seed: 10, std: 2)]) { $0[0].gelu() }
    }

    @Test func geluMatchesItsDefinition() {
        let x = Tensor(shape: [5], scalars: [-3, -1, 0, 0.5, 2])
        for (value, input) in zip(x.gelu().scalars, x.scalars) {
            let u = 0.797_884_56 * (input + 0.044_715 * input * input * input)
            let expected = 0.5 * input * (1 + Float(Foundation.tanh(Double(u))))
            #expect(Swift.abs(value - expected) < 1e-5)
        }
    }

    @Test func reductions() {
        let a = random([2, 3, 4], seed: 11)
        checkGradients([a]) { $0[0].sum() }
        checkGradients([a]) { $0[0].mean() }
        checkGradients([a]) { $0[0].sum(alongAxis: 1) }
        checkGradients([a]) { $0[0].mean(alongAxis: -1, keepingAxis: true) }
        #expect(Swift.abs(a.sum().scalar - a.scalars.reduce(0, +)) < 1e-4)
    }

    @Test func lossesAndSoftmax() {
        let p = random([3, 5], seed: 12), t = random([3, 5], seed: 13)
        checkGradients([p, t]) { Tensor.l1Loss($0[0], $0[1]) }
        checkGradients([p, t]) { Tensor.mseLoss($0[0], $0[1]) }
        checkGradients([p]) { $0[0].softmax() }
        checkGradients([p]) { Tensor.crossEntropy($0[0], labels: [0, 4, 2]) }
        let s = p.softmax()
        for r in 0..<3 { #expect(Swift.abs((0..<5).reduce(Float(0)) { $0 + s[r, $1] } - 1) < 1e-5) }
    }

    @Test func layerNorm() {
        let x = random([4, 6], seed: 14), w = random([6], seed: 15), b = random([6], seed: 16)
        checkGradients([x, w, b]) { Tensor.layerNorm($0[0], weight: $0[1], bias: $0[2]) }
        checkGradients([x]) { Tensor.layerNorm($0[0]) }
        let y = Tensor.layerNorm(x)
        for r in 0..<4 {
            let row = (0..<6).map { y[r, $0] }
            let mean = row.reduce(0, +) / 6
            #expect(Swift.abs(mean) < 1e-5)
            #expect(Swift.abs(row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 6 - 1) < 1e-3)
        }
    }
}

import Foundation
