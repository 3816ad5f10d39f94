import Data
import Foundation
import Harness

/// The scenario `posttrain` stage: `jepalab posttrain`'s library path (`ACPosttraining`) on the `data` stage's
/// dataset and the scenario's frozen encoder. Writes `predictor.safetensors` (its optimizer state beside it, the
/// latent cache in `latents/`) and `curve.csv` at the end; on resume it continues from the last checkpoint in the
/// folder (the curve then holds the points logged since that checkpoint).
///
/// Options (`posttrain.options`): `checkpoint_every` (steps, default a quarter of the run), `log_every` (steps
/// between curve points and log lines, default a twenty-fifth).
public struct PosttrainStage: Stage {
    public static let options = ["checkpoint_every", "log_every"]

    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .training(let section) = context.stage.target, let encoderSource = section.encoder else {
            throw ScenarioError("the posttrain stage was given \(context.stage.name), which is not a post-training")
        }
        guard let data = context.inputs["data"] else {
            throw ScenarioError("posttrain needs the data stage's dataset; add a data: section", at: section.location)
        }
        var options = ACTraining.Options(steps: section.steps)
        if let batch = section.batch { options.batchSize = batch }
        if let rate = section.learningRate { options.learningRate = Float(rate) }
        options.seed = section.seed
        options.checkpointEvery = max(1, section.steps / 4)
        options.logEvery = max(1, section.steps / 25)
        for (name, value) in section.options {
            guard Self.options.contains(name) else {
                throw ScenarioError("unknown posttrain option '\(name)'; options: \(Self.options.joined(separator: ", "))", at: section.location)
            }
            guard case .int(let steps) = value, steps >= 1 else {
                throw ScenarioError("posttrain.options.\(name) must be an integer ≥ 1, got '\(value)'", at: section.location)
            }
            if name == "checkpoint_every" { options.checkpointEvery = steps } else { options.logEvery = steps }
        }
        let encoder = try context.component(encoderSource)
        let predictor = StageComponent(id: section.component.id, parameters: section.component.parameters)
        let posttraining = try ACPosttraining(encoder: try encoder.make(in: context.registry), encoderIdentity: try encoder.identity(),
                                              predictor: try predictor.parameters(in: context.registry), options: options)
        let curve = context.directory.appendingPathComponent("curve.csv")
        let earlier = context.resuming ? (try? String(contentsOf: curve, encoding: .utf8)) ?? "" : ""
        let (model, records) = try posttraining.run(
            dataset: try Dataset(directory: data), latents: context.directory.appendingPathComponent("latents"),
            out: context.directory.appendingPathComponent(StageContext.checkpointFile(ofStage: "posttrain")),
            mode: .quiet, log: { context.log("posttrain: " + $0) })
        let first = records.first?.step ?? Int.max
        var rows = earlier.split(separator: "\n").dropFirst().filter { Int($0.split(separator: ",")[0]).map { $0 < first } ?? false }.map(String.init)
        rows += records.map { "\($0.step),\($0.loss)" }
        try Foundation.Data((["step,loss"] + rows).joined(separator: "\n").appending("\n").utf8).write(to: curve, options: .atomic)
        context.log("posttrain: predictor/ac with \(model.parameterCount) parameters trained for \(section.steps) steps")
    }
}
