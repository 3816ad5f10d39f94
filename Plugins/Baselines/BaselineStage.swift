import Foundation
import Harness

/// Trains one kind of baseline (a policy or a pixel-space predictor) for the scenario `baseline` stage.
public protocol BaselineTrainer: Sendable {
    /// Trains `section`'s component on the dataset in `data` and writes `model.safetensors` (and `curve.csv`, `step,loss`
    /// rows) into `context.directory`, continuing from what is there when `context.resuming`.
    func train(_ section: BaselineSection, data: URL, context: StageContext) throws
}

/// The scenario `baseline` stage: hands each baseline to the trainer registered for its component id.
public struct BaselineStage: Stage {
    /// Trainers by component id (`policy/octo`, …).
    public let trainers: [String: any BaselineTrainer]

    public init(trainers: [String: any BaselineTrainer]) {
        self.trainers = trainers
    }

    public func run(_ context: StageContext) throws {
        guard case .baseline(let section) = context.stage.target else {
            throw ScenarioError("the baseline stage was given \(context.stage.name), which is not a baseline")
        }
        guard let trainer = trainers[section.training.component.id] else {
            throw ScenarioError("baseline '\(section.name)': \(section.training.component.id) has no trainer; trainable baselines: "
                                + trainers.keys.sorted().joined(separator: ", "), at: section.training.location)
        }
        guard let data = context.inputs["data"] else {
            throw ScenarioError("baseline '\(section.name)' needs the data stage's dataset; add a data: section",
                                at: section.training.location)
        }
        try trainer.train(section, data: data, context: context)
    }
}
