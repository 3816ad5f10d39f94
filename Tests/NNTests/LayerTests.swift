import Foundation
import NN
import Testing

@Suite struct LayerTests {
    func input(_ shape: [Int], seed: UInt64) -> Tensor {
        var g = SeededGenerator(seed: seed)
        return Tensor.randomNormal(shape, using: &g)
    }

    @Test func parameterNamesMatchCheckpointKeys() {
        var g = SeededGenerator(seed: 1)
        let model = Transformer(width: 8, depth: 2, heads: 2, using: &g)
        let names = model.namedParameters.map(\.name)
        #expect(names.prefix(4) == ["blocks.0.norm1.weight", "blocks.0.norm1.bias", "blocks.0.attn.qkv.weight", "blocks.0.attn.qkv.bias"])
        #expect(names.contains("blocks.1.mlp.fc2.bias") && names.last == "norm.bias")
        #expect(model.parameters["blocks.1.attn.qkv.weight"]?.shape == [24, 8])
        #expect(model.parameterCount == 2 * (4 * 8 + 8 * 24 + 24 + 8 * 8 + 8 + 8 * 32 + 32 + 32 * 8 + 8) + 16)
    }

    @Test func transformerBlockGradientMatchesFiniteDifferences() {
        var g = SeededGenerator(seed: 2)
        var block = TransformerBlock(8, heads: 2, mlpRatio: 2, using: &g)
        block.visitParameters(prefix: "") { _, t in t = t + Tensor.randomNormal(t.shape, std: 0.1, using: &g) }
        let x = input([2, 4, 8], seed: 3), weights = input([2, 4, 8], seed: 4)
        let mask = AttentionMask.blockCausal(blocks: 2, tokensPerBlock: 2)
        let rotary = RotaryEmbedding(positions: [0, 0, 1, 1], headDim: 4)
        let loss = { (b: TransformerBlock) in (b(x, mask: mask, rotary: rotary) * weights).sum() }
        let (_, gradients) = block.valueWithGradient(loss)
        var worst = 0.0
        for (name, tensor) in block.namedParameters {
            var numeric = [Double](), analytic = [Double]()
            for i in stride(from: 0, to: tensor.count, by: max(1, tensor.count / 12)) {
                func shifted(_ delta: Float) -> Double {
                    var copy = block
                    copy.visitParameters(prefix: "") { n, t in if n == name { t.withUnsafeMutableBufferPointer { $0[i] += delta } } }
                    return Double(loss(copy).scalar)
                }
                numeric.append((shifted(1e-2) - shifted(-1e-2)) / 2e-2)
                analytic.append(Double(gradients[name]!.scalars[i]))
            }
            let error = zip(numeric, analytic).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            let scale = max(numeric.reduce(0.0) { $0 + $1 * $1 }.squareRoot(), 1e-3)
            worst = max(worst, error / scale)
            #expect(error / scale < 2e-2, "\(name): relative error \(error / scale)")
        }
        #expect(worst < 2e-2)
    }

    @Test func blockCausalAttentionSeesOnlyEarlierFrames() {
        var g = SeededGenerator(seed: 5)
        let (frames, perFrame, width) = (4, 3, 8)
        let block = TransformerBlock(width, heads: 2, using: &g)
        let mask = AttentionMask.blockCausal(blocks: frames, tokensPerBlock: perFrame)
        let x = input([1, frames * perFrame, width], seed: 6)
        let base = block(x, mask: mask)
        for t in 0..<frames {
            for changed in 0..<frames {
                var y = x
                let noise = input([perFrame * width], seed: 100 + UInt64(changed))
                y.withUnsafeMutableBufferPointer { p in
                    for i in 0..<(perFrame * width) { p[changed * perFrame * width + i] += noise.scalars[i] }
                }
                let out = block(y, mask: mask)
                let range = (t * perFrame * width)..<((t + 1) * perFrame * width)
                let difference = range.map { Swift.abs(out.scalars[$0] - base.scalars[$0]) }.max()!
                if changed > t {
                    #expect(difference == 0, "frame \(t) changed when frame \(changed) did")
                } else {
                    #expect(difference > 1e-3, "frame \(t) ignored a change of frame \(changed)")
                }
            }
        }
    }

    @Test func rotaryDotProductDependsOnlyOnRelativePosition() {
        let q = input([1, 1, 16], seed: 7), k = input([1, 1, 16], seed: 8)
        func dot(_ pq: Float, _ pk: Float) -> Float {
            let rq = RotaryEmbedding(positions: [pq], headDim: 16)(q), rk = RotaryEmbedding(positions: [pk], headDim: 16)(k)
            return (rq * rk).sum().scalar
        }
        #expect(Swift.abs(dot(3, 1) - dot(10, 8)) < 1e-4)
        #expect(Swift.abs(dot(3, 1) - dot(1, 3)) > 1e-3)
        func dot3(_ a: (t: Float, h: Float, w: Float), _ b: (t: Float, h: Float, w: Float)) -> Float {
            let rq = RotaryEmbedding(positions: [a], headDim: 16)(q), rk = RotaryEmbedding(positions: [b], headDim: 16)(k)
            return (rq * rk).sum().scalar
        }
        #expect(Swift.abs(dot3((2, 1, 3), (1, 0, 0)) - dot3((5, 4, 6), (4, 3, 3))) < 1e-4)
        #expect(Swift.abs(dot3((2, 1, 3), (1, 0, 0)) - dot3((2, 1, 3), (1, 1, 0))) > 1e-4)
        let grid = RotaryEmbedding(frames: 2, height: 2, width: 3, headDim: 16)
        #expect(grid.tokens == 12 && grid.cos.shape == [12, 8])
        #expect(grid.cos[0, 7] == 1 && grid.sin[11, 7] == 0)  // 16 = 3 · 4 + 4: the last two pairs stay put
        let norm = { (x: Tensor) in (x * x).sum().scalar }
        #expect(Swift.abs(norm(grid(input([1, 12, 16], seed: 9))) - norm(input([1, 12, 16], seed: 9))) < 1e-3)
    }

    @Test func tubeletEmbeddingGroupsTwoFramesOfPatches() {
        var g = SeededGenerator(seed: 10)
        var embed = TubeletEmbedding(width: 4, patch: 2, using: &g)
        let video = input([1, 4, 4, 6, 3], seed: 11)
        let tokens = embed(video)
        #expect(tokens.shape == [1, 2 * 2 * 3, 4])
        // Token 5 is frames 0–1, patch row 1, patch column 2: its first pixel is (frame 0, y 2, x 4).
        embed.proj.weight = Tensor(shape: [4, 24], scalars: (0..<96).map { $0 == 0 ? 1 : 0 })
        embed.proj.bias = .zeros([4])
        #expect(embed(video)[0, 5, 0] == video[0, 0, 2, 4, 0])
        // The 13th input of a tubelet is (frame 1, y 0, x 0, channel 0).
        embed.proj.weight = Tensor(shape: [4, 24], scalars: (0..<96).map { $0 == 12 ? 1 : 0 })
        #expect(embed(video)[0, 5, 0] == video[0, 1, 2, 4, 0])
    }

    @Test func tinyModelLearnsAFunction() {
        var g = SeededGenerator(seed: 12)
        var model = MLP(2, hidden: 32, outputs: 1, using: &g)
        let x = Tensor.randomUniform([256, 2], in: -1...1, using: &g)
        let target = Tensor(shape: [256, 1], scalars: (0..<256).map { sin(3 * x[$0, 0]) * x[$0, 1] })
        var optimizer = AdamW(learningRate: 1e-2, weightDecay: 0)
        let initial = Tensor.mseLoss(model(x), target).scalar
        var loss: Float = 0
        for _ in 0..<1500 {
            let (value, gradients) = model.valueWithGradient { m in Tensor.mseLoss(m(x), target) }
            optimizer.update(&model, gradients: gradients)
            loss = value
        }
        #expect(initial > 0.1)
        #expect(loss < 0.01, "final loss \(loss) from \(initial)")
    }
}
