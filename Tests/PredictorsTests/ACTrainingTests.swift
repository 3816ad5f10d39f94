import Data
import Foundation
import Harness
import Planners
import Predictors
import Tensor
import Testing

@Suite struct ACTrainingTests {
    func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-ac-\(UUID().uuidString)-\(name)")
    }

    /// Mean L1 on a held-out batch: the model's teacher-forced prediction, and copying the current frame.
    func heldOutErrors(_ model: ACPredictor, _ cache: LatentCache) throws -> (model: Float, copy: Float) {
        var sampler = try LatentClipSampler(cache: cache, clipLength: 8, batchSize: 32, seed: 1234)
        let batch = sampler.next()
        let z = model.targets(batch.latents)
        let loss = model.loss(latents: z, states: batch.states, actions: batch.actions)
        let copy = Tensor.l1Loss(z.slice(alongAxis: 1, 0..<7), z.slice(alongAxis: 1, 1..<8))
        return (loss.teacherForcing.scalar, copy.scalar)
    }

    @Test func learnsActionConditionedDynamics() throws {
        let train = SyntheticDynamics.cache(episodes: 40, steps: 12, seed: 1)
        let heldOut = SyntheticDynamics.cache(episodes: 10, steps: 12, seed: 2)
        var model = ACPredictor(config: try SyntheticDynamics.config(), seed: 3)
        let before = try heldOutErrors(model, heldOut)
        var options = ACTraining.Options(steps: 400)
        options.batchSize = 8
        options.learningRate = 2e-3
        options.checkpointEvery = 1000
        let out = temporary("learn.safetensors")
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: out.appendingPathExtension("optimizer")) }
        let records = try ACTraining(options: options, out: out).run(&model, cache: train)
        let after = try heldOutErrors(model, heldOut)
        #expect(records.last!.loss < 0.8 * records.first!.loss, "training loss every 50 steps \(records.map(\.loss))")
        #expect(after.model < 0.5 * before.model, "held-out error \(before.model) → \(after.model)")
        // Better than assuming nothing moves: the model uses the actions.
        #expect(after.model < 0.8 * after.copy, "held-out error \(after.model) vs copying the frame \(after.copy)")

        // Planning through the learned model recovers the action that produced a goal.
        let state: [Float] = [0.5, 0.02, 0.22, 0, 0, 0, 0]
        let truth: [Float] = [0.04, -0.03, 0.02, 0, 0, 0, 1]
        let goal = model.targets(Tensor(shape: [16, 8], scalars: SyntheticDynamics.latents(of: PredictorStates.nextState(state, truth))))
        let latent = model.targets(Tensor(shape: [16, 8], scalars: SyntheticDynamics.latents(of: state)))
        let problem = GoalProblem(predictor: model, bounds: .positionAndGripper(maxStep: 0.05))
            .problem(latent: latent, state: state, goal: goal)
        var cem = try CEMPlanner(samples: 200, iterations: 6)
        let plan = try cem.plan(problem)
        let error = (0..<3).map { abs(plan[0, $0] - truth[$0]) }.reduce(0, +) / 3
        #expect(error < 0.015, "planned \(plan.scalars) for \(truth): mean position error \(error) (uniform guessing ≈ 0.035)")
    }

    @Test func resumesFromTheCheckpointAndStopsOnNaN() throws {
        let cache = SyntheticDynamics.cache(episodes: 4, steps: 10, seed: 5)
        let out = temporary("resume.safetensors")
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: out.appendingPathExtension("optimizer")) }
        var options = ACTraining.Options(steps: 4)
        options.batchSize = 2
        options.checkpointEvery = 2
        options.logEvery = 1
        var model = ACPredictor(config: try SyntheticDynamics.config(), seed: 3)
        _ = try ACTraining(options: options, out: out).run(&model, cache: cache)
        #expect(try ACPredictorFile.load(from: out).step == 4)
        options.steps = 6
        var fresh = ACPredictor(config: try SyntheticDynamics.config(), seed: 9)
        var lines: [String] = []
        let records = try ACTraining(options: options, out: out).run(&fresh, cache: cache) { lines.append($0) }
        #expect(lines.first == "resuming \(out.path) at step 4")
        #expect(records.map(\.step) == [5, 6])
        #expect(try ACPredictorFile.load(from: out).step == 6)

        var bad = cache.episodes
        var latents = bad[0].latents
        latents[3, 0, 0] = .nan
        bad = bad.map { _ in LatentCache.Episode(latents: latents, states: bad[0].states, actions: bad[0].actions) }
        let other = temporary("nan.safetensors")
        var nanModel = ACPredictor(config: try SyntheticDynamics.config(), seed: 3)
        let error = #expect(throws: PosttrainingError.self) {
            _ = try ACTraining(options: options, out: other).run(&nanModel, cache: LatentCache(key: "nan", episodes: bad))
        }
        #expect(error?.description.contains("at step 0") == true)
        #expect(!FileManager.default.fileExists(atPath: other.path))
    }

    @Test func latentCacheRoundTripAndKey() throws {
        let folder = temporary("dataset")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try DatasetConfig(episodes: 3, seed: 1, lab: "train", policy: "play", frames: 5, size: 16)
        _ = try DatasetGenerator(plan: DatasetPlan(config: config), directory: folder).run(
            progress: ProgressMeter(label: "test", mode: .quiet)) { index, seed in try SyntheticEpisodes.episode(config, index: index, seed: seed) }
        let dataset = try Dataset(directory: folder)
        let encoder = PatchMeanEncoder(imageSize: 16, patch: 4, repeats: 2)
        let cacheFolder = folder.appendingPathComponent("latents")
        let (cache, reused) = try LatentCache.loadOrBuild(dataset: dataset, encoder: encoder, encoderIdentity: "patch-mean",
                                                          directory: cacheFolder)
        #expect(!reused && cache.episodes.count == 3 && cache.tokensPerFrame == 16 && cache.latentWidth == 6)
        let episode = try dataset.episode(dataset.entries[1])
        #expect(cache.episodes[1].states.scalars == episode.state && cache.episodes[1].actions.scalars == episode.action)
        let frames = Tensor(shape: [5, 16, 16, 3], scalars: episode.frames.map { Float($0) / 255 })
        #expect(cache.episodes[1].latents.scalars == encoder.encodeFrames(frames).scalars)

        let (again, reusedNow) = try LatentCache.loadOrBuild(dataset: dataset, encoder: encoder, encoderIdentity: "patch-mean",
                                                             directory: cacheFolder)
        #expect(reusedNow && again.key == cache.key)
        for (a, b) in zip(again.episodes, cache.episodes) { #expect(a.latents.scalars == b.latents.scalars) }
        let otherKey = try LatentCache.key(encoderIdentity: "patch-mean:repeats=3", dataset: dataset)
        #expect(otherKey != cache.key)
        #expect(throws: (any Error).self) {
            _ = try LatentCache(contentsOf: LatentCache.url(key: cache.key, in: cacheFolder), expectedKey: otherKey)
        }
        let small = PatchMeanEncoder(imageSize: 8, patch: 4, repeats: 1)
        #expect(throws: DataError.self) { _ = try LatentCache(encoding: dataset, with: small, key: "x") }
    }
}
