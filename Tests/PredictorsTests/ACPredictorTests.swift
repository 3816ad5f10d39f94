import Foundation
import Harness
import NN
import Predictors
import Tensor
import Testing
import TestSupport

@Suite struct ACPredictorTests {
    func inputs(batch: Int, steps: Int, config: ACPredictorConfig, seed: UInt64) -> (Tensor, Tensor, Tensor) {
        var g = SeededGenerator(seed: seed)
        return (.randomNormal([batch, steps, config.tokensPerFrame, config.latentWidth], using: &g),
                .randomNormal([batch, steps, 7], std: 0.3, using: &g), .randomNormal([batch, steps, 7], std: 0.05, using: &g))
    }

    @Test func predictionAtStepTIgnoresLaterActionsStatesAndFrames() throws {
        let config = try SyntheticDynamics.config()
        let model = ACPredictor(config: config, seed: 1)
        let (z, s, a) = inputs(batch: 2, steps: 4, config: config, seed: 2)
        #expect(model.predict(latents: z, states: s, actions: a).shape == [2, 4, config.tokensPerFrame, config.latentWidth])
        let check = StepCausality(model, inputs: (z, s, a), other: inputs(batch: 2, steps: 4, config: config, seed: 3))
        for (t, step) in check.steps.enumerated() {
            #expect(step.past, "predictions up to step \(t) changed with later inputs")
            #expect(step.future, "predictions after step \(t) ignored their inputs")
        }
        #expect(check.actionMatters)
    }

    @Test func targetsArePooledAndLayerNormalised() throws {
        let config = try SyntheticDynamics.config()
        let model = ACPredictor(config: config, seed: 1)
        var g = SeededGenerator(seed: 5)
        let latents = Tensor.randomNormal([3, SyntheticDynamics.tokens, SyntheticDynamics.width], std: 3, using: &g)
        let t = model.targets(latents)
        #expect(t.shape == [3, 4, SyntheticDynamics.width])
        let row = Array(t.scalars[0..<SyntheticDynamics.width])
        let mean = row.reduce(0, +) / Float(row.count)
        let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(row.count)
        #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-3)
    }

    @Test func rolloutFeedsPredictionsBackAndIntegratesStates() throws {
        let config = try SyntheticDynamics.config()
        let model = ACPredictor(config: config, seed: 1)
        let (_, _, a) = inputs(batch: 3, steps: 2, config: config, seed: 4)
        var generator = SeededGenerator(seed: 12)
        let latent = model.targets(Tensor.randomNormal([config.encoderTokens, config.latentWidth],
                                                        using: &generator)).reshaped([config.tokensPerFrame, config.latentWidth])
        let state: [Float] = [0.5, 0.1, 0.2, 0, 0, 0, 0]
        let rolled = model.rollout(latent: latent, state: state, actions: a)
        #expect(rolled.shape == [3, 2, config.tokensPerFrame, config.latentWidth])
        // Step 1 by hand: the first prediction becomes the second step's context, the state moves by the action.
        let first = model.predict(latents: PredictorStates.repeated(latent, times: 3).reshaped([3, 1, config.tokensPerFrame, config.latentWidth]),
                                  states: PredictorStates.integrate(state, a).slice(alongAxis: 1, 0..<1),
                                  actions: a.slice(alongAxis: 1, 0..<1))
        #expect(first.scalars == rolled.slice(alongAxis: 1, 0..<1).scalars)
        let states = PredictorStates.integrate(state, a)
        #expect(abs(states[1, 1, 0] - (0.5 + a[1, 0, 0])) < 1e-6 && states[1, 1, 6] == a[1, 0, 6])
    }

    /// An untrained residual predictor is the copy baseline: it predicts each step's (layer-normed) input.
    @Test func residualPredictorStartsAsTheCopyBaseline() throws {
        var config = try SyntheticDynamics.config()
        config.residual = true
        let model = ACPredictor(config: config, seed: 1)
        let (z, s, a) = inputs(batch: 2, steps: 3, config: config, seed: 7)
        let inputs = Tensor.layerNorm(z, epsilon: 1e-6)
        let predicted = model.predict(latents: inputs, states: s, actions: a)
        #expect(zip(predicted.scalars, inputs.scalars).allSatisfy { abs($0 - $1) < 1e-4 })
        let stored = try JSONDecoder().decode(ACPredictorConfig.self, from: JSONEncoder().encode(config))
        #expect(stored.residual && stored == config)
        // A checkpoint written before the option existed reads as the paper's head.
        let json = #"{"encoder_tokens": 16, "latent_width": 8, "pool": 2, "width": 48, "depth": 2, "heads": 2, "mlp_ratio": 4}"#
        #expect(try JSONDecoder().decode(ACPredictorConfig.self, from: Data(json.utf8)).residual == false)
    }

    @Test func checkpointRoundTrip() throws {
        let config = try SyntheticDynamics.config()
        let model = ACPredictor(config: config, seed: 1)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ac-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try PredictorFile.save(model, step: 17, to: url)
        let (loaded, step) = try PredictorFile<ACPredictor>.load(from: url)
        #expect(step == 17 && loaded.config == config)
        let (z, s, a) = inputs(batch: 1, steps: 2, config: config, seed: 6)
        #expect(loaded.predict(latents: z, states: s, actions: a).scalars == model.predict(latents: z, states: s, actions: a).scalars)
        var registry = Registry()
        try Predictors.register(into: &registry)
        let built: any Predictor = try ComponentReference(parsing: "ac:checkpoint=\(url.path)", kind: .predictor).make(in: registry)
        #expect(built is ACPredictor)
        #expect(throws: PlanningError.self) { let _: any Predictor = try registry.make("predictor/ac") }
    }
}
