import Baselines
import Data
import Foundation
import Harness
import Tensor
import Testing

@Suite struct PixelTrainingTests {
    static let steps = 150
    /// Trains a small model on the sliding-square world through `TrainingLoop` (once, shared by the tests).
    static let trained: Result<(model: PixelWorldModel, folder: URL, curve: [(loss: Double, forced: Double, copy: Double)]), any Error> = Result {
        let folder = SlidingSquare.temporary("train")
        let dataset = try SlidingSquare.dataset(in: folder.appendingPathComponent("data"), episodes: 12, frames: 12)
        var registry = Registry()
        try Baselines.register(into: &registry)
        let parameters = try ComponentReference(parsing: "pixels:width=32,depth=2,heads=2", kind: .predictor).parameters(in: registry)
        var options = PixelModelTraining.Options(steps: Self.steps)
        (options.batchSize, options.clipLength, options.learningRate) = (8, 4, 2e-3)
        let training = try PixelModelPosttraining(encoder: PatchPixels(imageSize: 16, patch: 4), parameters: parameters, options: options)
        let (model, _) = try training.run(dataset: dataset, out: folder.appendingPathComponent("model.safetensors"),
                                          checkpoints: CheckpointFolder(directory: folder.appendingPathComponent("checkpoints")),
                                          curve: folder.appendingPathComponent("curve"), progress: TrainingProgress(quiet: true))
        let rows = try String(contentsOf: folder.appendingPathComponent("curve.csv"), encoding: .utf8).split(separator: "\n")
        let header = rows[0].split(separator: ",").map(String.init)
        let (forced, copy) = (try #require(header.firstIndex(of: "teacher_forcing")), try #require(header.firstIndex(of: "copy")))
        let curve = rows.dropFirst().map { line in
            let f = line.split(separator: ",")
            return (loss: Double(f[1])!, forced: Double(f[forced])!, copy: Double(f[copy])!)
        }
        return (model, folder, curve)
    }

    @Test func lossFallsBelowTheCopyBaseline() throws {
        let (_, folder, curve) = try Self.trained.get()
        #expect(curve.count == Self.steps)
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let first = mean(curve.prefix(10).map(\.loss)), last = mean(curve.suffix(20).map(\.loss))
        #expect(last < 0.5 * first, "loss \(first) → \(last)")
        // Better than predicting that nothing moves: the model uses the actions.
        let forced = mean(curve.suffix(20).map(\.forced)), copy = mean(curve.suffix(20).map(\.copy))
        #expect(forced < 0.5 * copy, "teacher forcing \(forced) vs copying the frame \(copy)")
        let state = folder.appendingPathComponent("checkpoints/step-\(String(format: "%07d", Self.steps))/model.safetensors")
        #expect(FileManager.default.fileExists(atPath: state.path))
    }

    @Test func encoderWithoutPixelTokensIsRejected() throws {
        var registry = Registry()
        try Baselines.register(into: &registry)
        let parameters = try ComponentReference(parsing: "pixels", kind: .predictor).parameters(in: registry)
        struct Scrambled: Encoder {
            let inner = PatchPixels(imageSize: 16, patch: 4)
            var imageSize: Int { 16 }
            var tokensPerFrame: Int { 16 }
            var latentWidth: Int { 48 }
            func encodeFrames(_ frames: Tensor) -> Tensor { inner.encodeFrames(frames) * 0.5 }
            func encodeClips(_ clips: Tensor) -> Tensor { inner.encodeClips(clips) }
        }
        let training = try PixelModelPosttraining(encoder: Scrambled(), parameters: parameters, options: .init(steps: 1))
        #expect(throws: TrainingError.self) { try training.config() }
        #expect(throws: Never.self) {
            try PixelModelPosttraining(encoder: PatchPixels(imageSize: 16, patch: 4), parameters: parameters, options: .init(steps: 1)).config()
        }
    }

    /// The cross-entropy method (a Gaussian over actions refit to its lowest-energy samples) on the goal problem of
    /// the trained model picks a move toward the goal frame: right when the square is to the right, left otherwise.
    @Test func cemPicksTheActionWhosePredictedFrameIsCloserToTheGoal() throws {
        let (model, _, _) = try Self.trained.get()
        let encoder = PatchPixels(imageSize: 16, patch: 4)
        func frame(_ x: Int) -> Tensor {
            model.targets(encoder.encodeFrames(Tensor(shape: [1, 16, 16, 3], scalars: SlidingSquare.pixels(x: x)))).reshaped([16, 48])
        }
        let goals = GoalProblem(predictor: model, horizon: 1)
        for (goal, sign) in [(8, Float(1)), (4, Float(-1))] {
            let problem = goals.problem(latent: frame(6), state: [0.225, 0, 0.2, 0, 0, 0, 0], goal: frame(goal))
            var generator = SeededGenerator(seed: 9)
            var (mean, std): (Float, Float) = (0, 0.05)
            for _ in 0..<6 {
                let xs = (0..<40).map { _ in min(max(mean + std * generator.nextNormal(), -0.075), 0.075) }
                let actions = Tensor(shape: [40, 1, 7], scalars: xs.flatMap { [$0, 0, 0, 0, 0, 0, 0] })
                let energies = problem.energy(actions).scalars
                let elites = energies.indices.sorted { energies[$0] < energies[$1] }.prefix(5).map { xs[$0] }
                mean = elites.reduce(0, +) / 5
                std = max(0.005, (elites.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5).squareRoot())
            }
            #expect(mean * sign > 0.01, "goal x \(goal): planned dx \(mean)")
            let toward = Tensor(shape: [1, 1, 7], scalars: [sign * 0.075, 0, 0, 0, 0, 0, 0])
            let away = Tensor(shape: [1, 1, 7], scalars: [-sign * 0.075, 0, 0, 0, 0, 0, 0])
            #expect(problem.energy(toward).scalars[0] < problem.energy(away).scalars[0])
        }
    }
}
