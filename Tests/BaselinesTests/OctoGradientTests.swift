import Baselines
import NN
import Tensor
import Testing

/// The policy's gradient (through the patch cut, the embeddings, the masked transformer and the head) against
/// central finite differences, for a few scalars of every input-side parameter.
@Suite struct OctoGradientTests {
    @Test func gradientMatchesFiniteDifferences() throws {
        let episodes = try OctoSynthetic.episodes(count: 2, steps: 7)
        for (stem, proprio) in [("conv", false), ("patch", true)] {
            var config = OctoSynthetic.config
            (config.stem, config.proprio) = (stem, proprio)
            var examples = try OctoExamples(episodes: episodes, config: config, normalization: try OctoNormalization(episodes: episodes))
            examples.maxShift = 1
            var generator = SeededGenerator(seed: 11)
            let batch = examples.batch(size: 3, using: &generator)
            let model = OctoModel(config: config, seed: 4)
            // A smooth loss (squared error), so finite differences are exact to second order.
            func loss(_ m: OctoModel) -> Tensor { var g = SeededGenerator(seed: 0); return (m.actions(pixels: batch.pixels, states: batch.states, using: &g) - batch.targets).squared().mean() }
            let (_, gradients) = model.valueWithGradient(loss)
            let tokenizer = stem == "conv" ? ["stem.convs.0.weight", "stem.convs.1.bias", "stem.norms.0.weight", "stem.convs.2.weight"]
                : ["patch_embed.weight"]
            let names = tokenizer + ["position", "time", "readout", "transformer.blocks.0.attn.qkv.weight", "head.fc2.weight"]
                + (proprio ? ["state_embed.weight"] : [])
            for name in names {
                let g = try #require(gradients[name], "no gradient for \(name)")
                for index in [0, g.count / 3, g.count - 1] {
                    func perturbed(_ delta: Float) -> Float {
                        var m = model
                        m.visitParameters(prefix: "") { n, t in
                            if n == name { var s = t.scalars; s[index] += delta; t = Tensor(shape: t.shape, scalars: s) }
                        }
                        return loss(m).scalar
                    }
                    let h: Float = 1e-2
                    let numeric = (perturbed(h) - perturbed(-h)) / (2 * h)
                    let analytic = g.scalars[index]
                    #expect(abs(numeric - analytic) <= 2e-5 + 0.05 * abs(numeric), "\(name)[\(index)]: numeric \(numeric), analytic \(analytic)")
                }
            }
        }
    }
}
