import Data
import Foundation
import Harness
import Tensor

/// Trains `predictor/pixels` on a dataset through `TrainingLoop`, as `jepalab posttrain --predictor pixels` and
/// the scenario `baseline` stage run it: check that the encoder's tokens are raw pixel patches, read the dataset into
/// memory, build the model from its parameters, train (resuming from the newest state in `checkpoints`), and write
/// the final model to `out`.
public struct PixelModelPosttraining {
    public var encoder: any Encoder
    /// `predictor/pixels`'s resolved parameters (width, depth, heads, seed).
    public var parameters: Parameters
    public var options: PixelModelTraining.Options

    public init(encoder: any Encoder, parameters: Parameters, options: PixelModelTraining.Options) throws {
        guard parameters.componentID == PixelWorldModel.kind else {
            throw TrainingError.invalid("pixel-model training trains \(PixelWorldModel.kind); got \(parameters.componentID)")
        }
        (self.encoder, self.parameters, self.options) = (encoder, parameters, options)
    }

    /// The model's shape for this encoder; fails unless the encoder's tokens hold each patch's raw pixels.
    public func config() throws -> PixelWorldModelConfig {
        let p = parameters
        let config = try PixelWorldModelConfig(imageSize: encoder.imageSize, encoderTokens: encoder.tokensPerFrame,
                                               latentWidth: encoder.latentWidth, width: p.int("width"), depth: p.int("depth"),
                                               heads: p.int("heads"))
        try Self.checkPixelTokens(encoder, config)
        return config
    }

    /// Trains and writes the model to `out`; returns it with the loop's summary. The curve goes to `curve` (`.csv`,
    /// `.svg`).
    public func run(dataset: Dataset, out: URL, checkpoints: CheckpointFolder, curve: URL, progress: TrainingProgress,
                    meter: ProgressMeter? = nil) throws -> (model: PixelWorldModel, summary: TrainingLoop.Summary) {
        let config = try config()
        let clips = try PixelClips(dataset: dataset, minimumSteps: options.clipLength, progress: meter)
        progress.note("predictor/pixels: \(clips.count) episodes of \(clips.imageSize)×\(clips.imageSize) frames in memory; "
                      + "\(config.encoderTokens) patch tokens of \(config.patch)×\(config.patch) pixels per frame")
        let model = PixelWorldModel(config: config, seed: UInt64(bitPattern: Int64(parameters.int("seed"))))
        var task = try PixelModelTraining(model: model, encoder: encoder, clips: clips, options: options)
        let loop = TrainingLoop(steps: options.steps, checkpoints: checkpoints, curve: curve, progress: progress)
        let summary = try loop.run(&task)
        try PredictorFile.save(task.model, step: options.steps, to: out)
        return (task.model, summary)
    }

    /// Encodes a frame of distinct values and checks that token `i`'s first `patch² · 3` values are patch `i`'s
    /// pixels (row-major patches, pixels row by row, channels last), as `encoder/pixels` lays them out.
    static func checkPixelTokens(_ encoder: any Encoder, _ config: PixelWorldModelConfig) throws {
        let (size, patch, grid) = (config.imageSize, config.patch, config.grid)
        let pixels = (0..<(size * size * 3)).map { Float(($0 * 7919) % 1009) / 1009 }
        let tokens = encoder.encodeFrames(Tensor(shape: [1, size, size, 3], scalars: pixels)).scalars
        for i in 0..<(grid * grid) {
            for r in 0..<patch {
                for c in 0..<patch {
                    for k in 0..<3 {
                        let expected = pixels[(((i / grid) * patch + r) * size + (i % grid) * patch + c) * 3 + k]
                        guard tokens[i * config.latentWidth + (r * patch + c) * 3 + k] == expected else {
                            throw TrainingError.invalid("predictor/pixels needs an encoder whose tokens are raw pixel patches "
                                                        + "(encoder/pixels); this encoder's are not")
                        }
                    }
                }
            }
        }
    }
}
