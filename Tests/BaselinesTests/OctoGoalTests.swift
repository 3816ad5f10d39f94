import Baselines
import Data
import Render
import Sim
import Tensor
import Testing

/// The policy must read the goal image: on episodes where a square steps 3 pixels left or right at random, the
/// action (the step) is visible only in where the goal shows the square, never in the observation alone.
@Suite struct OctoGoalTests {
    /// 16-pixel frames of a white square on grey at `x[t]`; `x[t + 1] = x[t] ± 3` (turning at the edges); the action's
    /// first value is the step in centimetres, the state's the position.
    static func frame(x: Int) -> [UInt8] {
        var frame = [UInt8](repeating: 100, count: 16 * 16 * 3)
        for y in 6..<10 { for dx in 0..<4 { for c in 0..<3 { frame[3 * (y * 16 + x + dx) + c] = 255 } } }
        return frame
    }

    static func episodes(count: Int, steps: Int, seed: UInt64) throws -> [Episode] {
        var generator = SeededGenerator(seed: seed)
        return try (0..<count).map { e in
            let meta = EpisodeMeta(lab: "train", policy: "synthetic", episodeIndex: e, seed: seed, width: 16, height: 16,
                                   camera: Lab.train.camera, objects: ["cup", "box"], primitives: ["move"])
            var frames = [UInt8](), state = [Float](), action = [Float]()
            var x = 1 + Int(generator.next() % 10)
            for t in 0..<steps {
                frames += frame(x: x)
                state += [Float(x) / 100, 0, 0.2, 0, 0, 0, 0]
                var step = generator.next() % 2 == 0 ? -3 : 3
                if x + step < 0 || x + step > 12 { step = -step }
                action += t + 1 < steps ? [Float(step) / 100, 0, 0, 0, 0, 0, 0] : [Float](repeating: 0, count: 7)
                x += step
            }
            return try Episode(meta: meta, frames: frames, state: state, action: action,
                               joints: [Float](repeating: 0, count: steps * 9), objects: [Float](repeating: 0, count: steps * 14),
                               primitive: [Int](repeating: 0, count: steps),
                               contact: [ContactFlags](repeating: ContactFlags(rawValue: 0), count: steps * 2))
        }
    }

    @Test func trainedPolicyFollowsTheGoalImage() throws {
        let train = try Self.episodes(count: 8, steps: 10, seed: 1)
        var config = OctoSynthetic.config
        config.proprio = false
        var examples = try OctoExamples(episodes: train, config: config, normalization: try OctoNormalization(episodes: train))
        (examples.maxShift, examples.goalHorizon) = (0, 1)
        var options = OctoTraining.Options(steps: 200)
        (options.batchSize, options.learningRate) = (16, 1e-3)
        var task = try OctoTraining(model: OctoModel(config: config, seed: 3), examples: examples, options: options, exportURL: nil)
        for s in 0..<options.steps { _ = try task.step(s) }

        // Unseen episodes: the first predicted step must follow the goal, and swapping the goal must change it.
        var policy = OctoPolicy(model: task.model, normalization: examples.normalization)
        var right = 0, total = 0, change: Float = 0
        for episode in try Self.episodes(count: 4, steps: 10, seed: 9) {
            let frames = (0..<episode.steps).map { t in
                RGBImage(width: 16, height: 16, pixels: Array(episode.frames[(t * 768)..<((t + 1) * 768)]))
            }
            for t in 1..<(episode.steps - 1) {
                let truth = episode.action[t * 7]
                let window = [frames[t - 1], frames[t]], states = [[Float]](repeating: [0, 0, 0.2, 0, 0, 0, 0], count: 2)
                let followed = policy.predict(frames: window, states: states, goal: frames[t + 1])[0][0]
                // The other goal: the square stepped the other way (clamped to the frame).
                let x = Int((episode.state[t * 7] * 100).rounded()), back = min(max(x - Int((truth * 100).rounded()), 0), 12)
                let swapped = policy.predict(frames: window, states: states, goal: RGBImage(width: 16, height: 16, pixels: Self.frame(x: back)))[0][0]
                change += abs(swapped - followed)
                let predicted = examples.normalization.denormalized(actions: [followed, 0, 0, 0, 0, 0, 0])[0]
                right += (predicted > 0) == (truth > 0) ? 1 : 0
                total += 1
            }
        }
        #expect(Double(right) >= 0.85 * Double(total), "the predicted step followed the goal in \(right) of \(total) cases")
        #expect(change / Float(total) > 0.5, "a swapped goal moved the normalised output by only \(change / Float(total)) on average")
    }
}
