import Baselines
import Foundation
import Harness
import NN
import Tensor
import Testing
import TestSupport

@Suite struct PixelWorldModelTests {
    /// 16 × 16 frames in a 4 × 4 grid of 4 × 4 patches, a width-24 body.
    static func config(latentWidth: Int = 48) throws -> PixelWorldModelConfig {
        try PixelWorldModelConfig(imageSize: 16, encoderTokens: 16, latentWidth: latentWidth, width: 24, depth: 2, heads: 2)
    }

    func inputs(batch: Int, steps: Int, seed: UInt64) -> (Tensor, Tensor, Tensor) {
        var g = SeededGenerator(seed: seed)
        return (.randomUniform([batch, steps, 16, 48], in: 0...1, using: &g),
                .randomNormal([batch, steps, 7], std: 0.3, using: &g), .randomNormal([batch, steps, 7], std: 0.05, using: &g))
    }

    @Test func shapesAndPixelTargets() throws {
        let model = PixelWorldModel(config: try Self.config(latentWidth: 96), seed: 1)
        // A tubelet of two frames per token: the targets are the first frame's 4 × 4 × 3 pixels.
        var g = SeededGenerator(seed: 2)
        let latents = Tensor.randomUniform([3, 16, 96], in: 0...1, using: &g)
        let targets = model.targets(latents)
        #expect(targets.shape == [3, 16, 48])
        #expect(targets.scalars[0..<48] == latents.scalars[0..<48])
        #expect(targets.scalars[48..<96] == latents.scalars[96..<144])
        let (z, s, a) = inputs(batch: 2, steps: 3, seed: 3)
        #expect(model.predict(latents: z, states: s, actions: a).shape == [2, 3, 16, 48])
        let rolled = model.rollout(latent: z.reshaped([6, 16, 48]).slice(alongAxis: 0, 0..<1).reshaped([16, 48]),
                                   state: Array(s.scalars[0..<7]), actions: a.slice(alongAxis: 1, 0..<2))
        #expect(rolled.shape == [2, 2, 16, 48])
        #expect(throws: PlanningError.self) { try PixelWorldModelConfig(imageSize: 16, encoderTokens: 16, latentWidth: 40) }
    }

    /// A model whose decoder is not at its zero start, so that its predictions depend on the inputs.
    static func perturbed(seed: UInt64) throws -> PixelWorldModel {
        var model = PixelWorldModel(config: try config(), seed: seed)
        var g = SeededGenerator(seed: seed + 100)
        model.decoder.weight = .randomNormal(model.decoder.weight.shape, std: 0.1, using: &g)
        return model
    }

    @Test func predictionAtStepTIgnoresLaterActionsStatesAndFrames() throws {
        let check = StepCausality(try Self.perturbed(seed: 1), inputs: inputs(batch: 2, steps: 4, seed: 2),
                                  other: inputs(batch: 2, steps: 4, seed: 3))
        for (t, step) in check.steps.enumerated() {
            #expect(step.past, "predictions up to step \(t) changed with later inputs")
            #expect(step.future, "predictions after step \(t) ignored their inputs")
        }
        #expect(check.actionMatters)
    }

    /// The gradient of the training loss with respect to the actions and to the decoder's bias against central
    /// differences (the planner's gradient path and the residual head).
    @Test func gradientsMatchFiniteDifferences() throws {
        var model = try Self.perturbed(seed: 4)
        model.body.actionEmbed.weight = model.body.actionEmbed.weight * 20
        let (z, s, a) = inputs(batch: 2, steps: 3, seed: 5)
        var g = SeededGenerator(seed: 6)
        let goal = Tensor.randomUniform([2, 3, 16, 48], in: 0...1, using: &g)
        func loss(_ m: PixelWorldModel, _ actions: Tensor) -> Tensor {
            (m.predict(latents: z, states: s, actions: actions) - goal).squared().mean()
        }
        let (_, grads) = Tensor.valueWithGradient(at: [a]) { loss(model, $0[0]) }
        let (_, parameterGradients) = model.valueWithGradient { loss($0, a) }
        let h: Float = 1e-2
        for index in [0, 7, 15, 20] {
            var plus = a, minus = a
            plus.withUnsafeMutableBufferPointer { $0[index] += h }
            minus.withUnsafeMutableBufferPointer { $0[index] -= h }
            let numeric = (loss(model, plus).scalar - loss(model, minus).scalar) / (2 * h)
            #expect(abs(numeric - grads[0].scalars[index]) <= 0.05 * abs(numeric) + 1e-5, "action \(index)")
        }
        let bias = try #require(parameterGradients["decoder.bias"])
        for index in [0, 11, 47] {
            var plus = model, minus = model
            plus.decoder.bias!.withUnsafeMutableBufferPointer { $0[index] += h }
            minus.decoder.bias!.withUnsafeMutableBufferPointer { $0[index] -= h }
            let numeric = (loss(plus, a).scalar - loss(minus, a).scalar) / (2 * h)
            #expect(abs(numeric - bias.scalars[index]) <= 0.02 * abs(numeric) + 1e-5, "decoder bias \(index)")
        }
    }

    @Test func checkpointRoundTrip() throws {
        let model = try Self.perturbed(seed: 7)
        let url = SlidingSquare.temporary("ckpt").appendingPathComponent("model.safetensors")
        try PredictorFile.save(model, step: 12, to: url)
        let (loaded, step) = try PredictorFile<PixelWorldModel>.load(from: url)
        #expect(step == 12 && loaded.config == model.config)
        let (z, s, a) = inputs(batch: 1, steps: 2, seed: 8)
        #expect(loaded.predict(latents: z, states: s, actions: a).scalars == model.predict(latents: z, states: s, actions: a).scalars)
        var registry = Registry()
        try Baselines.register(into: &registry)
        let made = try registry.make("predictor/pixels", as: (any Predictor).self, overrides: ["checkpoint": .string(url.path)])
        #expect(made.predict(latents: z, states: s, actions: a).scalars == model.predict(latents: z, states: s, actions: a).scalars)
        #expect(throws: (any Error).self) { try registry.make("predictor/pixels", as: (any Predictor).self, overrides: [:]) }
    }
}
