import Baselines
import NN
import Tensor
import Testing

/// The diffusion action head alone: trained on a chunk that is a fixed function of the readout embedding, its
/// noise-prediction loss falls and the chunks it samples by the reverse process land on that function.
@Suite struct OctoDiffusionHeadTests {
    @Test func samplesLandOnADeterministicTarget() {
        var generator = SeededGenerator(seed: 1)
        var head = OctoDiffusionHead(width: 16, actions: 4, steps: 20, using: &generator)
        let readouts = Tensor.randomNormal([64, 16], using: &generator)
        let targets = Tensor(shape: [64, 4], scalars: (0..<64).flatMap { i in (0..<4).map { j in readouts.scalars[i * 16 + j] } })
        var optimizer = AdamW(learningRate: 1e-3, weightDecay: 0)
        var losses = [Float]()
        for step in 0..<1500 {
            var noise = SeededGenerator(seed: UInt64(step))
            let (loss, gradients) = head.valueWithGradient { $0.loss(readouts: readouts, targets: targets, using: &noise) }
            optimizer.update(&head, gradients: gradients, learningRate: 1e-3)
            losses.append(loss)
        }
        let (first, last): (Float, Float) = (losses.prefix(10).reduce(0, +) / 10, losses.suffix(100).reduce(0, +) / 100)
        #expect(last < 0.2 * first, "loss \(first) → \(last)")
        var sampling = SeededGenerator(seed: 7)
        let sample = head.sample(readouts: readouts, using: &sampling)
        let error: Float = zip(sample.scalars, targets.scalars).map { abs($0 - $1) }.reduce(0, +) / Float(targets.count)
        let scale: Float = targets.scalars.map { abs($0) }.reduce(0, +) / Float(targets.count)
        #expect(error < 0.15 * scale, "sampled chunks are \(error) from their targets (targets' mean size \(scale))")
    }
}
