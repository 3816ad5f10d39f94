import Baselines
import Data
import Foundation
import Harness
import NN
import Render
import Sim
import Tensor
import Testing

@Suite struct OctoTests {
    /// The pixel byte a normalised input value came from.
    func byte(_ x: Float) -> Int { Int(((x * 0.25 + 0.5) * 255).rounded()) }

    @Test func hindsightGoalsComeFromLaterInTheSameEpisode() throws {
        let episodes = try OctoSynthetic.episodes()
        let config = OctoSynthetic.config
        var examples = try OctoExamples(episodes: episodes, config: config, normalization: try OctoNormalization(episodes: episodes))
        examples.maxShift = 0
        var generator = SeededGenerator(seed: 7)
        let batch = examples.batch(size: 64, using: &generator)
        let perFrame = 16 * 16 * config.channels, perExample = config.history * perFrame
        var sawStart = false
        for (i, draw) in batch.draws.enumerated() {
            #expect(draw.goal > draw.step && draw.goal < 8)
            #expect(draw.step + config.chunk <= 7)
            for h in 0..<config.history {
                let base = i * perExample + h * perFrame
                let frameStep = max(0, draw.step - config.history + 1 + h)
                // Channels 0–2 are the observation frame, 3–5 the goal image: both from episode draw.episode.
                #expect(byte(batch.pixels.scalars[base]) == Int(OctoSynthetic.value(episode: draw.episode, step: frameStep)))
                #expect(byte(batch.pixels.scalars[base + 3]) == Int(OctoSynthetic.value(episode: draw.episode, step: draw.goal)))
                // Channels 6–8: goal − frame.
                #expect(abs(batch.pixels.scalars[base + 6] - (batch.pixels.scalars[base + 3] - batch.pixels.scalars[base])) < 1e-5)
                // The targets are the recorded actions from the frame's step on, normalised.
                let recorded = Array(episodes[draw.episode].action[(frameStep * 7)..<((frameStep + config.chunk) * 7)])
                let target = Array(batch.targets.scalars[((i * config.history + h) * config.chunk * 7)...].prefix(config.chunk * 7))
                let expected = examples.normalization.normalized(actions: recorded)
                #expect(zip(target, expected).allSatisfy { abs($0 - $1) < 1e-5 })
            }
            sawStart = sawStart || draw.step == 0
        }
        #expect(sawStart)
        examples.goalHorizon = 2
        let near = examples.batch(size: 32, using: &generator).draws
        #expect(near.allSatisfy { $0.goal > $0.step && $0.goal <= $0.step + 2 })
    }

    @Test func normalisationIsTheDatasetMeanAndDeviation() throws {
        let episodes = try OctoSynthetic.episodes(count: 3, steps: 6)
        let n = try OctoNormalization(episodes: episodes)
        let actions = episodes.flatMap { Array($0.action.prefix(($0.steps - 1) * 7)) }
        let xs = stride(from: 0, to: actions.count, by: 7).map { Double(actions[$0]) }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let std = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)).squareRoot()
        #expect(abs(Double(n.actionMean[0]) - mean) < 1e-6 && abs(Double(n.actionStd[0]) - std) < 1e-5)
        // The state's roll never moves from 0 here: its deviation is floored, not zero.
        let rows = episodes.flatMap(\.state)
        #expect(n.stateStd.allSatisfy { $0 >= OctoNormalization.minimumStd })
        let round = n.denormalized(actions: n.normalized(actions: Array(rows.prefix(14))))
        #expect(zip(round, rows.prefix(14)).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func readoutsAreSeenOnlyByThemselvesAndFramesOnlyLookBack() {
        let c = OctoSynthetic.config
        let mask = OctoModel.mask(config: c)
        let n = c.tokensPerStep, readout = c.firstReadout
        #expect(mask[readout, readout] && mask[n + readout, 0] && mask[n, readout - 1])
        #expect(!mask[0, readout] && !mask[n, readout] && !mask[n + readout, readout])
        #expect(!mask[0, n] && !mask[readout, n + 1])
    }

    @Test(arguments: [("patch", true), ("conv", false)])
    func chunkLossFallsOnATinyDataset(stem: String, proprio: Bool) throws {
        // Two episodes of 6 steps: four windows, each with its own chunk to learn (the goal adds nothing here).
        let episodes = try OctoSynthetic.episodes(count: 2, steps: 6)
        var config = OctoSynthetic.config
        (config.stem, config.proprio) = (stem, proprio)
        var examples = try OctoExamples(episodes: episodes, config: config, normalization: try OctoNormalization(episodes: episodes))
        examples.maxShift = 0
        var options = OctoTraining.Options(steps: 120)
        (options.batchSize, options.learningRate) = (16, 1e-3)
        var task = try OctoTraining(model: OctoModel(config: config, seed: 3), examples: examples, options: options, exportURL: nil)
        var losses = [Double]()
        for s in 0..<options.steps { losses.append(try task.step(s).loss) }
        let first = losses.prefix(5).reduce(0, +) / 5, last = losses.suffix(5).reduce(0, +) / 5
        #expect(losses.allSatisfy { $0.isFinite })
        #expect(last < 0.75 * first, "\(stem) stem: L1 chunk loss went from \(first) to \(last)")
    }

    /// Either action head round-trips; the diffusion head's noise is seeded, so the registry's copy acts the same.
    @Test(arguments: ["regression", "diffusion"])
    func checkpointRoundTripsThroughTheRegistry(head: String) throws {
        let episodes = try OctoSynthetic.episodes()
        var config = OctoSynthetic.config
        config.head = head
        let model = OctoModel(config: config, seed: 5)
        let normalization = try OctoNormalization(episodes: episodes)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("octo-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try OctoFile.save(model, normalization: normalization, step: 12, to: url)
        let loaded = try OctoFile.load(from: url)
        #expect(loaded.step == 12 && loaded.normalization == normalization && loaded.model.config == model.config)
        for ((name, a), (_, b)) in zip(model.namedParameters, loaded.model.namedParameters) { #expect(a.scalars == b.scalars, "\(name)") }

        var registry = Registry()
        try Baselines.register(into: &registry)
        var policy = try registry.make("policy/octo", as: (any Policy).self, overrides: ["checkpoint": .string(url.path)])
        var direct: any Policy = OctoPolicy(model: model, normalization: normalization)
        let frame = RGBImage(width: 16, height: 16, fill: (90, 120, 150))
        let observation = Observation(frame: frame, state: [0.5, 0, 0.2, 0, 0, 0, 0])
        let goal = RGBImage(width: 16, height: 16, fill: (20, 200, 40))
        let action = try policy.act(observation, goal: goal)
        #expect(action.count == 7 && action.allSatisfy(\.isFinite))
        let same = try direct.act(observation, goal: goal)
        #expect(action == same)
        #expect(throws: OctoError.self) { _ = try policy.act(Observation(frame: RGBImage(width: 8, height: 8), state: observation.state), goal: goal) }
        #expect(throws: (any Error).self) {
            _ = try registry.make("policy/octo", as: (any Policy).self, overrides: ["checkpoint": .string(url.path + ".missing")])
        }
    }

    /// Shapes stored before the diffusion head existed have no `head` key and read as the regression head.
    @Test func shapesWithoutAHeadReadAsRegression() throws {
        let stored = try JSONEncoder().encode(OctoSynthetic.config)
        var fields = try #require(try JSONSerialization.jsonObject(with: stored) as? [String: Any])
        fields["head"] = nil
        fields["diffusion_steps"] = nil
        let old = try JSONDecoder().decode(OctoConfig.self, from: try JSONSerialization.data(withJSONObject: fields))
        #expect(old == OctoSynthetic.config && old.head == "regression")
        var diffusion = OctoSynthetic.config
        diffusion.head = "diffusion"
        #expect(try JSONDecoder().decode(OctoConfig.self, from: try JSONEncoder().encode(diffusion)) == diffusion)
        diffusion.head = "flow"
        #expect(throws: OctoError.self) { try diffusion.validate() }
    }

    @Test func policyEpisodeRunsAndRecords() throws {
        let episodes = try OctoSynthetic.episodes()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("octo-\(UUID().uuidString).safetensors")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("octo-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url); try? FileManager.default.removeItem(at: out) }
        try OctoFile.save(OctoModel(config: OctoSynthetic.config, seed: 2), normalization: try OctoNormalization(episodes: episodes),
                          step: 0, to: url)
        var registry = Registry()
        try Baselines.register(into: &registry)
        let agent = try PolicyAgent(policy: StageComponent(id: "policy/octo", parameters: ["checkpoint": .string(url.path),
                                                                                          "execution": .string("average")]),
                                    registry: registry)
        let evaluation = PlanningEvaluation(kinds: [.reach], objects: [.cup], lab: .train, trials: 1, seed: 4, names: agent.names)
        var records = [EpisodeRecord]()
        try agent.run(evaluation, in: out) { records.append($0) }
        let record = try #require(records.first)
        #expect(records.count == 1 && record.planner.hasPrefix("policy/octo") && record.steps == 20)
        #expect(record.actions.count == 20 && record.states.count == 20 && record.energies.isEmpty && record.observedEnergies == nil)
        #expect(try EvaluationTable.records(in: out).count == 1)
        let frames = out.appendingPathComponent(record.frames)
        #expect(FileManager.default.fileExists(atPath: frames.appendingPathComponent("goal_0.png").path))
        // A second run finds the record and runs nothing.
        var again = 0
        try agent.run(evaluation, in: out) { _ in again += 1 }
        #expect(again == 0)
    }
}
