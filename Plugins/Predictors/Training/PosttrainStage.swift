import Data
import Foundation
import Harness

/// The scenario `posttrain` stage: `jepalab posttrain`'s library path (`ACPosttraining`) on the `data` stage's
/// dataset and the scenario's frozen encoder. Writes `predictor.safetensors`, the curve (`curve.csv`, `curve.svg`),
/// the latent cache in `latents/` and resumable states in `training/` (every minute), from which an interrupted
/// run continues. The stage takes no options.
public struct PosttrainStage: Stage {
    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .training(let section) = context.stage.target, let encoderSource = section.encoder else {
            throw ScenarioError("the posttrain stage was given \(context.stage.name), which is not a post-training")
        }
        guard let data = context.inputs["data"] else {
            throw ScenarioError("posttrain needs the data stage's dataset; add a data: section", at: section.location)
        }
        if let name = section.options.keys.sorted().first {
            throw ScenarioError("posttrain takes no options, got '\(name)'", at: section.location)
        }
        let options = ACTraining.Options(section)
        let encoder = try context.component(encoderSource)
        let predictor = StageComponent(id: section.component.id, parameters: section.component.parameters)
        let posttraining = try ACPosttraining(encoder: try encoder.make(in: context.registry), encoderIdentity: try encoder.identity(),
                                              predictor: try predictor.parameters(in: context.registry), options: options)
        let directory = context.directory
        let (model, summary) = try posttraining.run(
            dataset: try Dataset(directory: data), latents: directory.appendingPathComponent("latents"),
            out: directory.appendingPathComponent(StageContext.checkpointFile(ofStage: "posttrain")),
            checkpoints: CheckpointFolder(directory: directory.appendingPathComponent("training")),
            curve: directory.appendingPathComponent("curve"), checkpointInterval: 60, progress: TrainingProgress(quiet: !context.log.echoes))
        context.log(String(format: "posttrain: predictor/ac with %d parameters, %d steps (%d in this run) in %.1f s, final loss %@",
                           model.parameterCount, section.steps, summary.stepsRun, summary.seconds,
                           summary.lastMetrics.map { String(format: "%.4f", $0.loss) } ?? "–"))
    }
}
