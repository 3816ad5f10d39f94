import Data
import Foundation
import Harness

/// The scenario `pretrain` stage: `jepalab pretrain`'s library path (`Pretraining`) on the `data` stage's dataset.
/// Writes `encoder.safetensors`, `curve.csv` (and `curve.svg`) and resumable states in `training/`; on resume it
/// continues from the newest state.
///
/// The component is `encoder/vjepa` (representation targets) or `encoder/mae` (pixel targets). Options
/// (`pretrain.options`): `width`, `depth`, `heads`, `patch`, `clip_frames` (integers), `progressive` (boolean) and
/// `ema_start` (the target encoder's EMA momentum at the first step, in [0, 1]).
public struct PretrainStage: Stage {
    public static let objectives: [String: PretrainConfig.Objective] = ["encoder/vjepa": .representation, "encoder/mae": .pixels]
    public static let options = ["width", "depth", "heads", "patch", "clip_frames", "progressive", "ema_start"]

    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .training(let section) = context.stage.target else {
            throw ScenarioError("the pretrain stage was given \(context.stage.name), which is not a pre-training")
        }
        guard let objective = Self.objectives[section.component.id] else {
            throw ScenarioError("pretrain trains \(Self.objectives.keys.sorted().joined(separator: " or ")); got \(section.component.id)",
                                at: section.component.location)
        }
        guard let data = context.inputs["data"] else {
            throw ScenarioError("pretrain needs the data stage's dataset; add a data: section", at: section.location)
        }
        var config = PretrainConfig()
        config.objective = objective
        (config.steps, config.seed) = (section.steps, section.seed)
        if let batch = section.batch { config.batchSize = batch }
        if let rate = section.learningRate { config.learningRate = rate }
        for (name, value) in section.options.sorted(by: { $0.key < $1.key }) {
            switch (name, value) {
            case ("width", .int(let v)): config.vit.width = v
            case ("depth", .int(let v)): config.vit.depth = v
            case ("heads", .int(let v)): config.vit.heads = v
            case ("patch", .int(let v)): config.vit.patch = v
            case ("clip_frames", .int(let v)): config.clipFrames = v
            case ("progressive", .bool(let v)): config.progressive = v
            case ("ema_start", .double(let v)) where (0...1).contains(v): config.emaStart = v
            default:
                throw ScenarioError("pretrain.options.\(name) = '\(value)' is not an option of the pretrain stage; options: "
                                    + Self.options.joined(separator: ", ") + " (integers; progressive a boolean; ema_start a number in [0, 1])", at: section.location)
            }
        }
        let pretraining = Pretraining(config: config)
        let curve = context.directory.appendingPathComponent("curve")
        let summary: TrainingLoop.Summary
        do {
            summary = try pretraining.run(
                dataset: try Dataset(directory: data),
                out: context.directory.appendingPathComponent(StageContext.checkpointFile(ofStage: "pretrain")),
                checkpoints: context.directory.appendingPathComponent("training"), curve: curve, checkpointInterval: 60,
                progress: TrainingProgress(quiet: !context.log.echoes))
        } catch let error as EncoderError {
            throw ScenarioError("pretrain: \(error)", at: section.location)
        }
        context.log(String(format: "pretrain: %d steps (%d in this run) in %.1f s, final loss %@", section.steps, summary.stepsRun,
                           summary.seconds, summary.lastMetrics.map { String(format: "%.4f", $0.loss) } ?? "–"))
        if let collapse = try pretraining.collapseReport(curve: curve.appendingPathExtension("csv"), final: summary.lastMetrics?["target_std"]) {
            context.log("pretrain: " + collapse)
        }
    }
}
