import Data
import Foundation
import Harness

/// The scenario `baseline` stage's trainer for `predictor/pixels`: `PixelModelPosttraining` on the data stage's
/// dataset and the baseline's encoder (`encoder/pixels`). Writes `model.safetensors`, `curve.csv` and `curve.svg`
/// into the stage folder, resumable states in `checkpoints/`. Takes no `options`.
public struct PixelModelTrainer: BaselineTrainer {
    public init() {}

    public func train(_ section: BaselineSection, data: URL, context: StageContext) throws {
        let training = section.training
        guard let encoderSource = training.encoder else {
            throw ScenarioError("baseline '\(section.name)': predictor/pixels needs an encoder (encoder: {id: encoder/pixels})",
                                at: training.location)
        }
        if let name = training.options.keys.sorted().first {
            throw ScenarioError("baseline '\(section.name)': predictor/pixels takes no options, got '\(name)'", at: training.location)
        }
        let options = PixelModelTraining.Options(training)
        let encoder: any Encoder = try context.component(encoderSource).make(in: context.registry)
        let component = StageComponent(id: training.component.id, parameters: training.component.parameters)
        let posttraining = try PixelModelPosttraining(encoder: encoder, parameters: try component.parameters(in: context.registry),
                                                      options: options)
        let directory = context.directory
        let (model, summary) = try posttraining.run(
            dataset: try Dataset(directory: data), out: directory.appendingPathComponent(StageContext.checkpointFile(ofStage: section.name)),
            checkpoints: CheckpointFolder(directory: directory.appendingPathComponent("checkpoints")),
            curve: directory.appendingPathComponent("curve"), progress: TrainingProgress(quiet: true))
        context.log(String(format: "baseline %@: predictor/pixels with %d parameters trained to step %d, loss %.4f",
                           section.name, model.parameterCount, training.steps, summary.lastMetrics?.loss ?? .nan))
    }
}
