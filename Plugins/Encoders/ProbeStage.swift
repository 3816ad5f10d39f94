import Data
import Foundation
import Harness

/// The scenario `probe` stage: `jepalab probe`'s library path (`ProbeExamples`, `ProbeTraining`) for one encoder
/// on the probes' own dataset (`probes.data`, stage `data:probes`) or else the `data` stage's, for each task.
///
/// The dataset is split by episode: every fifth episode (index 4, 9, …) is held out for evaluation, the rest train
/// the probe (one dataset, unlike `jepalab probe --eval-data`, which takes a second one). Windows are 4 frames every
/// 2 steps, as `jepalab probe`'s defaults, standardised by the training windows' statistics as `jepalab probe
/// --standardize` (without it, probes on ViT tokens stay at the majority class; BENCHMARKS.md). Each held-out window
/// is one `TrialRecord` (`task` the probe task, `object` `-`, success when the probe's top-1 class is the label). A
/// task already recorded is skipped on resume.
public struct ProbeStage: Stage {
    public static let frames = 4, stride = 2, limit = 4000

    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .probe(let label, let source, let section) = context.stage.target else {
            throw ScenarioError("the probe stage was given \(context.stage.name), which is not a probe")
        }
        guard let data = context.inputs["data:probes"] ?? context.inputs["data"] else {
            throw ScenarioError("probes need a dataset; add a data: section or probes.data", at: section.location)
        }
        let dataset = try Dataset(directory: data)
        let heldOut = dataset.entries.enumerated().filter { $0.offset % 5 == 4 }.map(\.element)
        let training = dataset.entries.enumerated().filter { $0.offset % 5 != 4 }.map(\.element)
        guard !heldOut.isEmpty, !training.isEmpty else {
            throw ScenarioError("probes need at least 5 episodes (every fifth is held out); the dataset has \(dataset.entries.count)",
                                at: section.location)
        }
        let encoder: any Encoder = try context.component(source).make(in: context.registry)
        let done = Set(try TrialRecords.read(from: context.directory).map(\.task))
        for name in section.tasks where !done.contains(name) {
            guard let task = ProbeTask(rawValue: name) else {
                throw ScenarioError("unknown probe task '\(name)'; tasks: \(ProbeTask.allCases.map(\.rawValue).joined(separator: ", "))",
                                    at: section.location)
            }
            var train = try ProbeExamples(encoder: encoder, dataset: dataset, entries: training, task: task, frames: Self.frames,
                                          stride: Self.stride, limit: Self.limit)
            var eval = try ProbeExamples(encoder: encoder, dataset: dataset, entries: heldOut, task: task, frames: Self.frames,
                                         stride: Self.stride, classes: train.classes)
            let statistics = train.statistics
            train.standardize(statistics)
            eval.standardize(statistics)
            var probeTraining = ProbeTraining()
            (probeTraining.steps, probeTraining.seed) = (section.steps, section.seed)
            let (probe, result) = try probeTraining.run(train: train, eval: eval)
            let predictions = ProbeTraining.predictions(probe, eval)
            var records = [TrialRecord]()
            for (i, predicted) in predictions.enumerated() {
                records.append(TrialRecord(task: name, object: "-", lab: dataset.manifest.config.lab, trial: i, seed: section.seed,
                                           success: predicted == eval.labels[i], steps: Self.frames, secondsPerAction: 0))
            }
            for record in records { try TrialRecords.append(record, to: context.directory) }
            context.log(String(format: "probe:%@ %@: top-1 %.3f on %d held-out windows (train %.3f, majority class %.3f)",
                               label, name, result.accuracy, result.evalExamples, result.trainAccuracy, result.majorityRate))
        }
    }
}
