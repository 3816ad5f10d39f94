import Tensor
import Testing

@Suite struct StructuralGradientTests {
    @Test func reshapeAndPermute() {
        let a = random([2, 3, 4], seed: 20)
        checkGradients([a]) { $0[0].reshaped([4, -1]) }
        checkGradients([a]) { $0[0].permuted([2, 0, 1]) }
        checkGradients([random([3, 5], seed: 21)]) { $0[0].transposed() }
        let p = a.permuted([1, 2, 0])
        #expect(p.shape == [3, 4, 2])
        #expect(p[2, 1, 1] == a[1, 2, 1])
    }

    @Test func concatenateSliceAndSplit() {
        let a = random([2, 3, 2], seed: 22), b = random([2, 1, 2], seed: 23)
        checkGradients([a, b]) { Tensor.concatenate([$0[0], $0[1]], alongAxis: 1) }
        checkGradients([a]) { $0[0].slice(alongAxis: 1, 1..<3) }
        checkGradients([a]) { $0[0].split(alongAxis: 2, sizes: [1, 1])[1] * 3 }
        let joined = Tensor.concatenate([a, b], alongAxis: 1)
        #expect(joined.shape == [2, 4, 2])
        #expect(joined[1, 3, 1] == b[1, 0, 1] && joined[1, 2, 0] == a[1, 2, 0])
    }

    @Test func gatherAndScatterTokens() {
        let tokens = random([2, 5, 3], seed: 24), values = random([2, 2, 3], seed: 25)
        let indices = [[4, 1], [0, 2]]
        checkGradients([tokens]) { $0[0].gather(tokens: indices) }
        checkGradients([values, tokens]) { $0[0].scattered(into: $0[1], tokens: indices) }
        let gathered = tokens.gather(tokens: indices)
        #expect(gathered[0, 0, 2] == tokens[0, 4, 2] && gathered[1, 1, 0] == tokens[1, 2, 0])
        let placed = values.scattered(into: tokens, tokens: indices)
        #expect(placed[0, 1, 1] == values[0, 1, 1] && placed[0, 0, 1] == tokens[0, 0, 1])
        #expect(gathered.scattered(into: .zeros(tokens.shape), tokens: indices).gather(tokens: indices).scalars == gathered.scalars)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmul(transposeA: Bool, transposeB: Bool) {
        let a = random(transposeA ? [4, 3] : [3, 4], seed: 26), b = random(transposeB ? [5, 4] : [4, 5], seed: 27)
        checkGradients([a, b]) { Tensor.matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB) }
        let batchedA = random(transposeA ? [2, 4, 3] : [2, 3, 4], seed: 28)
        let batchedB = random(transposeB ? [2, 5, 4] : [2, 4, 5], seed: 29)
        checkGradients([batchedA, batchedB]) { Tensor.matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB) }
    }

    @Test func matmulValuesAndSharedMatrix() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]), b = Tensor(shape: [2, 2], scalars: [5, 6, 7, 8])
        #expect(Tensor.matmul(a, b).scalars == [19, 22, 43, 50])
        checkGradients([random([2, 3, 4], seed: 30), random([4, 2], seed: 31)]) { Tensor.matmul($0[0], $0[1]) }
    }

    @Test func linear() {
        let x = random([2, 3, 4], seed: 32), w = random([5, 4], seed: 33), b = random([5], seed: 34)
        checkGradients([x, w, b]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        checkGradients([x, w]) { Tensor.linear($0[0], weight: $0[1]) }
        let expected = Tensor.matmul(x, w, transposeB: true) + b
        for (u, v) in zip(Tensor.linear(x, weight: w, bias: b).scalars, expected.scalars) { #expect(Swift.abs(u - v) < 1e-5) }
    }

    @Test func rotary() {
        let x = random([2, 3, 8], seed: 35), angles = random([3, 2], seed: 36)
        let cos = angles.map { Foundation.cos($0) }, sin = angles.map { Foundation.sin($0) }
        checkGradients([x]) { Tensor.rotary($0[0], cos: cos, sin: sin) }
        checkGradients([x]) { Tensor.rotary($0[0], cos: cos, sin: sin, channels: 4) }
        let y = Tensor.rotary(x, cos: cos, sin: sin, channels: 4)
        #expect(y[1, 2, 5] == x[1, 2, 5])
        let (a, b, c, s) = (x[0, 1, 2], x[0, 1, 3], cos[1, 1], sin[1, 1])
        #expect(Swift.abs(y[0, 1, 2] - (a * c - b * s)) < 1e-6 && Swift.abs(y[0, 1, 3] - (a * s + b * c)) < 1e-6)
    }
}

import Foundation
