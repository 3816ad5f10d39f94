import ArgumentParser
import Data
import Encoders
import Foundation
import Harness

/// `jepalab pretrain`: mask-denoising pre-training of an encoder on a dataset, resumable.
struct Pretrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pre-train a video encoder by mask-denoising (V-JEPA in representation space, or a masked autoencoder).",
        discussion: """
            Writes OUT (the encoder, usable as `encoder/vjepa checkpoint=OUT`), OUT's loss curve beside it (.loss.csv, \
            .loss.svg) and resumable states in OUT.training/. Rerunning the same command after a kill resumes from the \
            newest state; a non-finite loss stops the run and keeps the last good state.
            """)

    @Option(help: "What to train: vjepa (representation-space targets) or mae (pixel targets).")
    var encoder = "vjepa"
    @Option(help: "Dataset folder (with manifest.json).")
    var data: String
    @Option(help: "Optimisation steps.")
    var steps = 3000
    @Option(help: "Encoder file to write.")
    var out: String
    @Option(help: "Clips per step.")
    var batchSize = PretrainConfig().batchSize
    @Option(help: "Frames per clip (a multiple of the tubelet, 2).")
    var frames = PretrainConfig().clipFrames
    @Option(help: "Encoder width.")
    var width = ViTConfig().width
    @Option(help: "Encoder depth.")
    var depth = ViTConfig().depth
    @Option(help: "Peak learning rate.")
    var learningRate = PretrainConfig().learningRate
    @Option(help: "Target encoder's EMA momentum at the first step (it rises linearly to 1 over the run).")
    var emaStart = PretrainConfig().emaStart
    @Flag(help: "Progressive resolution: half the frames at half the size until the decay phase.")
    var progressive = false
    @Option(help: "Seconds between resumable states.")
    var checkpointEvery = 180.0
    @Option(help: "Seed of initialisation, masks and data.")
    var seed: UInt64 = 0
    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard ["vjepa", "mae"].contains(encoder) else { throw ValidationError("unknown --encoder '\(encoder)'; choices: vjepa, mae") }
        guard steps >= 1, batchSize >= 1 else { throw ValidationError("--steps (\(steps)) and --batch-size (\(batchSize)) must be ≥ 1") }
        guard emaStart >= 0 && emaStart <= 1 else { throw ValidationError("--ema-start must be in [0, 1], got \(emaStart)") }
        guard checkpointEvery >= 0 else { throw ValidationError("--checkpoint-every must be ≥ 0, got \(checkpointEvery)") }
    }

    func run() throws {
        var config = PretrainConfig()
        config.objective = encoder == "vjepa" ? .representation : .pixels
        (config.steps, config.batchSize, config.clipFrames, config.seed) = (steps, batchSize, frames, seed)
        (config.vit.width, config.vit.depth, config.learningRate, config.progressive) = (width, depth, learningRate, progressive)
        config.emaStart = emaStart
        let pretraining = Pretraining(config: config)
        let files = TrainingFiles(out: URL(fileURLWithPath: out))
        let summary = try pretraining.run(
            dataset: try Dataset(directory: URL(fileURLWithPath: data)), out: files.out,
            checkpoints: files.checkpoints.directory, curve: files.curve,
            checkpointInterval: checkpointEvery, progress: TrainingProgress(quiet: quiet))
        print("wrote \(out) after \(steps) steps (\(summary.stepsRun) in this run, \(String(format: "%.1f", summary.seconds)) s, "
            + "\(String(format: "%.2f", Double(summary.stepsRun) / max(summary.seconds, 1e-9))) steps/s); "
            + "final loss \(summary.lastMetrics.map { String(format: "%.4f", $0.loss) } ?? "–")")
        if let collapse = try pretraining.collapseReport(curve: files.curve.appendingPathExtension("csv"), final: summary.lastMetrics?["target_std"]) {
            print(collapse)
        }
    }
}
