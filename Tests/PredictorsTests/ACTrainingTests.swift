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
        let batch = try LatentClipSampler(cache: cache, clipLength: 8, batchSize: 32, seed: 1234).batch(step: 0)
        let z = model.targets(batch.latents)
        let loss = model.loss(latents: z, states: batch.states, actions: batch.actions)
        let copy = Tensor.l1Loss(z.slice(alongAxis: 1, 0..<7), z.slice(alongAxis: 1, 1..<8))
        return (loss.teacherForcing.scalar, copy.scalar)
    }

    /// Both heads: the paper's, and the residual one that starts as the copy baseline.
    @Test(arguments: [false, true]) func learnsActionConditionedDynamics(residual: Bool) throws {
        let train = SyntheticDynamics.cache(episodes: 40, steps: 12, seed: 1)
        let heldOut = SyntheticDynamics.cache(episodes: 10, steps: 12, seed: 2)
        var config = try SyntheticDynamics.config()
        config.residual = residual
        let before = try heldOutErrors(ACPredictor(config: config, seed: 3), heldOut)
        var options = ACTraining.Options(steps: 400)
        options.batchSize = 8
        options.learningRate = 2e-3
        var training = try ACTraining(predictor: ACPredictor(config: config, seed: 3), cache: train, options: options)
        let losses = try (0..<400).map { try training.step($0).loss }
        let model = training.model
        let after = try heldOutErrors(model, heldOut)
        let (first, last) = (losses.prefix(50).reduce(0, +) / 50, losses.suffix(50).reduce(0, +) / 50)
        #expect(last < 0.8 * first, "mean training loss of the first and last 50 steps: \(first) → \(last)")
        #expect(after.model < 0.6 * before.model, "held-out error \(before.model) → \(after.model)")
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

    @Test func resumesExactlyAndStopsOnNaN() throws {
        let cache = SyntheticDynamics.cache(episodes: 4, steps: 10, seed: 5)
        let folder = temporary("resume")
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = ACTraining.Options(steps: 6)
        options.batchSize = 2
        func run(steps: Int, checkpoints: CheckpointFolder, seed: UInt64) throws -> (ACPredictor, TrainingLoop.Summary) {
            var task = try ACTraining(predictor: ACPredictor(config: try SyntheticDynamics.config(), seed: seed), cache: cache, options: options)
            let loop = TrainingLoop(steps: steps, checkpoints: checkpoints, curve: folder.appendingPathComponent("curve-\(steps)"),
                                    progress: TrainingProgress(quiet: true))
            let summary = try loop.run(&task)
            return (task.model, summary)
        }
        let whole = try run(steps: 6, checkpoints: CheckpointFolder(directory: folder.appendingPathComponent("whole")), seed: 3).0
        let interrupted = CheckpointFolder(directory: folder.appendingPathComponent("interrupted"))
        _ = try run(steps: 4, checkpoints: interrupted, seed: 3)
        let (resumed, summary) = try run(steps: 6, checkpoints: interrupted, seed: 9)
        #expect(summary.resumedFrom == 4 && summary.stepsRun == 2)
        #expect(whole.namedParameters.map(\.tensor.scalars) == resumed.namedParameters.map(\.tensor.scalars),
                "a run resumed at step 4 must end where the uninterrupted run ends")

        var bad = cache.episodes
        var latents = bad[0].latents
        latents[3, 0, 0] = .nan
        bad = bad.map { _ in LatentCache.Episode(latents: latents, states: bad[0].states, actions: bad[0].actions) }
        var nan = try ACTraining(predictor: ACPredictor(config: try SyntheticDynamics.config(), seed: 3),
                                 cache: LatentCache(key: "nan", episodes: bad), options: options)
        let error = #expect(throws: TrainingError.self) { _ = try nan.step(0) }
        #expect(error?.description.contains("step 0") == true)
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
