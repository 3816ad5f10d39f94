import ArgumentParser
import Baselines
import Data
import Foundation
import Harness
import Predictors

/// `jepalab posttrain`: train an action-conditioned predictor on a frozen encoder's features, or a baseline policy.
struct Posttrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an action-conditioned predictor (ac, or the pixel-space baseline pixels) or a baseline policy (--policy).",
        discussion: """
            Frames are encoded once per (encoder, dataset) and cached in --cache; training samples 8-frame clips \
            from the cache. For OUT = NAME.safetensors, resumable states go to NAME.training/ every \
            --checkpoint-every seconds and at the end, the loss curve to NAME.loss.csv and .svg; rerunning the same \
            command resumes. A NaN or infinite loss stops the run and keeps the last good state.
            """)

    @Option(help: "The frozen encoder, e.g. encoder/vjepa:checkpoint=ckpt/encoder.safetensors (not for --policy).")
    var encoder: String?

    @Option(help: "Train a baseline policy instead, with its shape parameters, e.g. policy/octo or policy/octo:width=192.")
    var policy: String?

    @Option(help: "The predictor and its shape parameters, e.g. ac, ac:pool=4,width=128, or pixels (the pixel-space baseline).")
    var predictor = "ac"

    @Option(help: "Dataset folder (with manifest.json).")
    var data: String

    @Option(help: "Training steps in total (a resumed run continues up to this number).")
    var steps: Int

    @Option(help: "Output checkpoint NAME.safetensors; resumable states go to NAME.training/.")
    var out: String

    @Option(help: "Folder for the latent cache (default: DATA/latents).")
    var cache: String?

    @Option(help: "Clips per batch.") var batch = 16
    @Option(help: "Peak learning rate.") var learningRate: Float = 5e-4
    @Option(help: "Seconds between resumable states (predictor/ac).") var checkpointEvery = 180.0
    @Option(help: "Seed of initialisation and clip sampling.") var seed: UInt64 = 0
    @Flag(help: "No progress or log lines.") var quiet = false

    func validate() throws {
        guard steps >= 1, batch >= 1, checkpointEvery >= 0, learningRate > 0 else {
            throw ValidationError("--steps and --batch must be ≥ 1, --checkpoint-every ≥ 0 and --learning-rate > 0")
        }
        guard (encoder == nil) != (policy == nil) else {
            throw ValidationError("give either --encoder (to train a predictor) or --policy (to train a baseline policy)")
        }
    }

    func run() throws {
        if let policy { return try trainPolicy(policy) }
        let registry = try Catalog.standard()
        if try ComponentReference(parsing: predictor, kind: .predictor).id == PixelWorldModel.kind {
            return try runPixelModel(registry: registry)
        }
        let encoderReference = try ComponentReference(parsing: encoder ?? "", kind: .encoder)
        let encoderComponent = StageComponent(id: encoderReference.id, parameters: try encoderReference.overrides(in: registry))
        let predictorReference = try ComponentReference(parsing: predictor, kind: .predictor)
        let encoderModel: any Encoder = try encoderComponent.make(in: registry)
        var options = ACTraining.Options(steps: steps)
        (options.batchSize, options.learningRate, options.seed) = (batch, learningRate, seed)
        let posttraining = try ACPosttraining(encoder: encoderModel, encoderIdentity: try encoderComponent.identity(),
                                              predictor: try predictorReference.parameters(in: registry), options: options)
        let dataset = try Dataset(directory: URL(fileURLWithPath: data))
        let cacheFolder = cache.map { URL(fileURLWithPath: $0) } ?? dataset.directory.appendingPathComponent("latents")
        let files = TrainingFiles(out: URL(fileURLWithPath: out))
        let (model, summary) = try posttraining.run(
            dataset: dataset, latents: cacheFolder, out: files.out, checkpoints: files.checkpoints, curve: files.curve,
            checkpointInterval: checkpointEvery,
            progress: TrainingProgress(quiet: quiet, interval: 60), meter: ProgressMeter(label: "encoding", mode: quiet ? .quiet : .automatic))
        if !quiet, let last = summary.lastMetrics {
            print(String(format: "predictor/ac: %d parameters, step %d, loss %.4f (teacher forcing %.4f, rollout %.4f), %d steps in %.1f s -> %@",
                         model.parameterCount, steps, last.loss, last["teacher_forcing"] ?? .nan, last["rollout"] ?? .nan,
                         summary.stepsRun, summary.seconds, out))
        }
    }
}

extension Posttrain {
    /// `--predictor pixels`: the pixel-space world model trained on the frames themselves through `TrainingLoop`
    /// (files as `TrainingFiles` lays them out, a state every 180 s); --cache and --checkpoint-every do not apply.
    func runPixelModel(registry: Registry) throws {
        let encoderReference = try ComponentReference(parsing: encoder ?? "", kind: .encoder)
        let encoderModel: any Encoder = try StageComponent(id: encoderReference.id, parameters: try encoderReference.overrides(in: registry))
            .make(in: registry)
        var options = PixelModelTraining.Options(steps: steps)
        (options.batchSize, options.learningRate, options.seed) = (batch, learningRate, seed)
        let training = try PixelModelPosttraining(
            encoder: encoderModel, parameters: try ComponentReference(parsing: predictor, kind: .predictor).parameters(in: registry),
            options: options)
        let files = TrainingFiles(out: URL(fileURLWithPath: out))
        let (model, summary) = try training.run(
            dataset: try Dataset(directory: URL(fileURLWithPath: data)), out: files.out, checkpoints: files.checkpoints, curve: files.curve,
            progress: TrainingProgress(quiet: quiet, interval: 60), meter: ProgressMeter(label: "loading", mode: quiet ? .quiet : .automatic))
        if !quiet, let last = summary.lastMetrics {
            print(String(format: "predictor/pixels: %d parameters, step %d, loss %.4f (teacher forcing %.4f, rollout %.4f, copy %.4f), "
                         + "%d steps in %.1f s -> %@", model.parameterCount, steps, last.loss, last["teacher_forcing"] ?? .nan,
                         last["rollout"] ?? .nan, last["copy"] ?? .nan, summary.stepsRun, summary.seconds, out))
        }
    }
}
