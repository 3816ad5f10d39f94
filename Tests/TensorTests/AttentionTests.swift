import Foundation
import Tensor
import Testing

@Suite struct AttentionTests {
    /// Plain attention with explicit matrices, the reference for the fused kernel.
    func reference(_ q: Tensor, _ k: Tensor, _ v: Tensor, heads: Int, mask: AttentionMask?) -> Tensor {
        let (b, tq, d) = (q.shape[0], q.shape[1], q.shape[2]), tk = k.shape[1], hd = d / heads
        func split(_ x: Tensor, _ t: Int) -> Tensor { x.reshaped([b, t, heads, hd]).permuted([0, 2, 1, 3]) }
        var scores = Tensor.matmul(split(q, tq), split(k, tk), transposeB: true) * (1 / Float(hd).squareRoot())
        if let mask {
            let bias = Tensor(shape: [tq, tk], scalars: mask.allowed.map { $0 ? 0 : -1e9 })
            scores = scores + bias
        }
        return Tensor.matmul(scores.softmax(), split(v, tk)).permuted([0, 2, 1, 3]).reshaped([b, tq, d])
    }

    @Test func fusedKernelMatchesReference() {
        let q = random([2, 5, 8], seed: 40), k = random([2, 7, 8], seed: 41), v = random([2, 7, 8], seed: 42)
        let mask = AttentionMask(queries: 5, keys: 7) { a, b in (a + b) % 3 != 0 }
        for m in [nil, mask] {
            let fused = Tensor.attention(query: q, key: k, value: v, heads: 2, mask: m)
            for (x, y) in zip(fused.scalars, reference(q, k, v, heads: 2, mask: m).scalars) { #expect(Swift.abs(x - y) < 1e-5) }
        }
    }

    @Test func attentionGradients() {
        let q = random([2, 3, 4], seed: 43), k = random([2, 4, 4], seed: 44), v = random([2, 4, 4], seed: 45)
        let mask = AttentionMask(queries: 3, keys: 4) { a, b in b <= a + 1 }
        checkGradients([q, k, v]) { Tensor.attention(query: $0[0], key: $0[1], value: $0[2], heads: 2, mask: mask) }
        checkGradients([random([2, 6, 12], seed: 46)]) { Tensor.selfAttention(qkv: $0[0], heads: 2, mask: .blockCausal(blocks: 3, tokensPerBlock: 2)) }
        checkGradients([random([1, 4, 6], seed: 47)]) { Tensor.selfAttention(qkv: $0[0], heads: 1) }
    }

    @Test func selfAttentionMatchesSplitProjection() {
        let qkv = random([2, 4, 12], seed: 48)
        let parts = qkv.split(alongAxis: 2, sizes: [4, 4, 4])
        let a = Tensor.selfAttention(qkv: qkv, heads: 2, mask: .causal(4))
        let b = Tensor.attention(query: parts[0], key: parts[1], value: parts[2], heads: 2, mask: .causal(4))
        for (x, y) in zip(a.scalars, b.scalars) { #expect(Swift.abs(x - y) < 1e-6) }
    }

    @Test func blockCausalMaskShape() {
        let mask = AttentionMask.blockCausal(blocks: 3, tokensPerBlock: 2)
        #expect(mask[0, 1] && mask[1, 0] && !mask[1, 2] && mask[3, 2] && mask[5, 0] && !mask[2, 4])
        #expect(AttentionMask.causal(3).allowed == [true, false, false, true, true, false, true, true, true])
    }

    @Test func fullyMaskedQueryGivesZeros() {
        let mask = AttentionMask(queries: 2, keys: 2) { q, _ in q == 1 }
        let out = Tensor.attention(query: random([1, 2, 4], seed: 49), key: random([1, 2, 4], seed: 50),
                                   value: random([1, 2, 4], seed: 51), heads: 1, mask: mask)
        #expect((0..<4).allSatisfy { out[0, 0, $0] == 0 })
        #expect((0..<4).contains { out[0, 1, $0] != 0 })
    }
}
