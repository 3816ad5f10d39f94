import Data
import Foundation
import Harness

/// Training `policy/octo` on a play dataset, as `jepalab posttrain --policy policy/octo` and the scenario `baseline`
/// stage run it: every episode read into memory, the dataset statistics computed, then `OctoTraining` driven by a
/// resumable `TrainingLoop` (states in `checkpoints`, the loss curve in `curve`.csv and `curve`.svg), the policy
/// exported to `out` at every saved state.
public struct OctoBehaviourCloning {
    public var config: OctoConfig
    public var options: OctoTraining.Options
    /// Initialisation seed of the policy.
    public var seed: UInt64
    /// Largest augmentation shift in pixels (0 turns augmentation off).
    public var maxShift = 4
    /// Largest goal distance in steps for hindsight relabelling (0: any later frame).
    public var goalHorizon = 4
    /// Width of the colour augmentation (1: brightness ±0.1, contrast 0.8–1.2, gains 0.9–1.1).
    public var colourJitter: Float = 3

    public init(config: OctoConfig, options: OctoTraining.Options, seed: UInt64) {
        (self.config, self.options, self.seed) = (config, options, seed)
    }

    /// The shape and seed given by `policy/octo`'s resolved parameters.
    public init(parameters p: Parameters, options: OctoTraining.Options) throws {
        var config = OctoConfig()
        (config.patch, config.history, config.width, config.depth) = (p.int("patch"), p.int("history"), p.int("width"), p.int("depth"))
        (config.heads, config.readouts, config.chunk) = (p.int("heads"), p.int("readouts"), p.int("chunk"))
        (config.proprio, config.stem, config.goalDifference) = (p.bool("proprio"), p.string("stem"), p.bool("goal_difference"))
        (config.head, config.diffusionSteps) = (p.string("head"), p.int("diffusion_steps"))
        guard let loss = OctoTraining.Loss(rawValue: p.string("loss")) else {
            throw OctoError.invalid("policy/octo: loss '\(p.string("loss"))' is not one of "
                                    + OctoTraining.Loss.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var options = options
        options.loss = loss
        self.init(config: config, options: options, seed: UInt64(p.int("seed")))
        (maxShift, goalHorizon, colourJitter) = (p.int("max_shift"), p.int("goal_horizon"), Float(p.double("colour_jitter")))
    }

    public func run(dataset: Dataset, out: URL, checkpoints: URL, curve: URL, checkpointInterval: TimeInterval = 120,
                    progress: TrainingProgress) throws -> TrainingLoop.Summary {
        var config = self.config
        config.imageSize = dataset.manifest.config.size
        try config.validate()
        let started = Date()
        var episodes = [Episode]()
        var reader = dataset.episodes()
        while let episode = try reader.next() { episodes.append(episode) }
        var examples = try OctoExamples(episodes: episodes, config: config, normalization: try OctoNormalization(episodes: episodes))
        (examples.maxShift, examples.goalHorizon, examples.colourJitter) = (maxShift, goalHorizon, colourJitter)
        var task = try OctoTraining(model: OctoModel(config: config, seed: seed), examples: examples, options: options, exportURL: out)
        progress.note(String(format: "policy/octo: %d episodes read in %.1f s; %d parameters, %d tokens per frame, %d frames, chunk %d",
                             episodes.count, Date().timeIntervalSince(started), task.model.parameterCount, config.tokensPerStep,
                             config.history, config.chunk))
        let loop = TrainingLoop(steps: options.steps, checkpoints: CheckpointFolder(directory: checkpoints), curve: curve,
                                checkpointInterval: checkpointInterval, progress: progress)
        return try loop.run(&task)
    }
}
