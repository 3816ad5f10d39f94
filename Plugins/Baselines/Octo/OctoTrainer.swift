import Data
import Foundation
import Harness

/// The scenario `baseline` stage's trainer for `policy/octo`: `OctoBehaviourCloning` on the data stage's dataset
/// with the section's steps, batch, learning rate and seed. Writes `model.safetensors`, `curve.csv` and `curve.svg`,
/// and resumable states in `training/`, from which an interrupted stage continues.
public struct OctoTrainer: BaselineTrainer {
    public init() {}

    public func train(_ section: BaselineSection, data: URL, context: StageContext) throws {
        let training = section.training
        if let name = training.options.keys.sorted().first {
            throw ScenarioError("baseline '\(section.name)': policy/octo takes no options (got '\(name)'); set its shape on the "
                                + "policy itself, e.g. {id: policy/octo, width: 128}", at: training.location)
        }
        var options = OctoTraining.Options(steps: training.steps)
        if let batch = training.batch { options.batchSize = batch }
        if let rate = training.learningRate { options.learningRate = Float(rate) }
        options.seed = training.seed
        let component = StageComponent(id: training.component.id, parameters: training.component.parameters)
        let cloning = try OctoBehaviourCloning(parameters: try component.parameters(in: context.registry), options: options)
        let summary = try cloning.run(
            dataset: try Dataset(directory: data),
            out: context.directory.appendingPathComponent(StageContext.checkpointFile(ofStage: section.name)),
            checkpoints: context.directory.appendingPathComponent("training"),
            curve: context.directory.appendingPathComponent("curve"), progress: TrainingProgress(quiet: !context.log.echoes))
        context.log(String(format: "baseline %@: policy/octo trained for %d steps (%d in this run) in %.1f s, final loss %@",
                           section.name, training.steps, summary.stepsRun, summary.seconds,
                           summary.lastMetrics.map { String(format: "%.4f", $0.loss) } ?? "–"))
    }
}
