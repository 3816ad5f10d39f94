import Data
import Tensor

/// Hindsight-relabelled training examples from play episodes: a step `t`, the `history` frames ending at `t`
/// (frame 0 repeated before the start, as at the start of an evaluation episode), a goal image drawn uniformly from
/// the frames after `t` in the same episode (at most `goalHorizon` steps after it, when set), and as targets the
/// `chunk` actions starting at each frame of the window.
///
/// `t` is drawn from `0 ... T − 1 − chunk`, so every target is a recorded action (the last row is padding).
public struct OctoExamples: Sendable {
    public let episodes: [Episode]
    public let config: OctoConfig
    public let normalization: OctoNormalization
    /// Largest image shift of the augmentation, pixels (0: no augmentation at all).
    public var maxShift = 4
    /// Width of the colour augmentation's ranges, relative to `OctoInput.Augmentation.random`'s defaults.
    public var colourJitter: Float = 1
    /// Largest distance in steps from `t` to the goal frame (0: any later frame, Octo's uniform relabelling).
    public var goalHorizon = 0

    /// One drawn example: indices into `episodes` and their steps.
    public struct Draw: Equatable, Sendable {
        public let episode: Int
        public let step: Int
        public let goal: Int
    }

    /// A batch: `pixels` `[B, history, S, S, channels]`, `states` `[B, history, 7]` and `targets` `[B, history, chunk, 7]`,
    /// states and targets normalised.
    public struct Batch {
        public let pixels: Tensor
        public let states: Tensor
        public let targets: Tensor
        public let draws: [Draw]

        public init(pixels: Tensor, states: Tensor, targets: Tensor, draws: [Draw]) {
            (self.pixels, self.states, self.targets, self.draws) = (pixels, states, targets, draws)
        }
    }

    public init(episodes: [Episode], config: OctoConfig, normalization: OctoNormalization) throws {
        guard !episodes.isEmpty else { throw OctoError.invalid("no episodes to train on") }
        if let short = episodes.first(where: { $0.steps < config.chunk + 2 }) {
            throw OctoError.invalid("episode \(short.meta.episodeIndex) has \(short.steps) steps; a chunk of \(config.chunk) "
                                    + "needs at least \(config.chunk + 2)")
        }
        if let wrong = episodes.first(where: { $0.meta.width != config.imageSize || $0.meta.height != config.imageSize }) {
            throw OctoError.invalid("episode \(wrong.meta.episodeIndex) has \(wrong.meta.width)×\(wrong.meta.height) frames; "
                                    + "the policy's image_size is \(config.imageSize)")
        }
        (self.episodes, self.config, self.normalization) = (episodes, config, normalization)
    }

    /// A uniform hindsight draw: a step with a full chunk of recorded actions after it, and a later goal frame.
    public func draw(using generator: inout SeededGenerator) -> Draw {
        let e = Int(generator.next() % UInt64(episodes.count))
        let steps = episodes[e].steps
        let t = Int(generator.next() % UInt64(steps - config.chunk))
        let later = goalHorizon > 0 ? min(goalHorizon, steps - 1 - t) : steps - 1 - t
        let goal = t + 1 + Int(generator.next() % UInt64(later))
        return Draw(episode: e, step: t, goal: goal)
    }

    /// `size` examples drawn and augmented with `generator`.
    public func batch(size: Int, using generator: inout SeededGenerator) -> Batch {
        let (h, s, k) = (config.history, config.imageSize, config.chunk)
        var pixels = [Float](), states = [Float](), targets = [Float]()
        pixels.reserveCapacity(size * h * s * s * config.channels)
        var draws = [Draw]()
        for _ in 0..<size {
            let d = draw(using: &generator)
            draws.append(d)
            let episode = episodes[d.episode]
            let window = (0..<h).map { max(0, d.step - h + 1 + $0) }
            let frameBytes = s * s * 3
            let augmentation = maxShift > 0 ? OctoInput.Augmentation.random(maxShift: maxShift, colour: colourJitter, using: &generator) : .none
            OctoInput.append(frames: window.map { episode.frames[($0 * frameBytes)..<(($0 + 1) * frameBytes)] },
                             goal: episode.frames[(d.goal * frameBytes)..<((d.goal + 1) * frameBytes)], size: s,
                             difference: config.goalDifference, augmentation: augmentation, to: &pixels)
            for t in window {
                states += normalization.normalized(states: Array(episode.state[(t * 7)..<(t * 7 + 7)]))
                targets += normalization.normalized(actions: Array(episode.action[(t * 7)..<(t * 7 + k * 7)]))
            }
        }
        return Batch(pixels: Tensor(shape: [size, h, s, s, config.channels], scalars: pixels), states: Tensor(shape: [size, h, 7], scalars: states),
                     targets: Tensor(shape: [size, h, k, 7], scalars: targets), draws: draws)
    }
}
