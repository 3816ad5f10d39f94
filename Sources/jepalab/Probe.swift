import ArgumentParser
import Data
import Encoders
import Foundation
import Harness

/// `jepalab probe`: attentive-probe evaluation of a frozen encoder on primitive labels.
struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an attentive probe on a frozen encoder's features and report top-1 accuracy on held-out data.",
        discussion: """
            motion: classify the primitive of a clip. anticipation: from the clip ending at step t, predict the \
            primitive at t + 4 (1 s later). SPEC is an encoder id with optional key=value parameters, e.g. \
            'encoder/vjepa checkpoint=runs/vjepa.safetensors'.
            """)

    @Option(help: "Encoder id and parameters, e.g. 'encoder/pixels' or 'encoder/vjepa checkpoint=FILE'.")
    var encoder: String
    @Option(help: "Dataset to train the probe on.")
    var data: String
    @Option(help: "Held-out dataset to evaluate on (episodes from a lab not used for pre-training).")
    var evalData: String?
    @Option(help: "Instead of --eval-data, hold out this fraction of --data's episodes (same lab) for evaluation.")
    var split: Double?
    @Option(help: "motion or anticipation.")
    var task: String
    @Option(help: "Frames per window.")
    var frames = 4
    @Option(help: "Steps between window starts.")
    var stride = 2
    @Option(help: "At most this many training windows.")
    var maxExamples = 4000
    @Option(help: "Probe optimisation steps.")
    var steps = ProbeTraining().steps
    @Option(help: "Seed of the probe's initialisation and batches.")
    var seed: UInt64 = 0
    @Option(help: "Train this many probes (seeds SEED, SEED+1, …) on the same features and report mean ± std.")
    var repeats = 1
    @Option(help: "Append the result as one JSON line to this file.")
    var results: String?
    @Flag(help: "Standardise each token dimension by the training windows' mean and deviation before the probe.")
    var standardize = false
    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard (evalData == nil) != (split == nil) else { throw ValidationError("give exactly one of --eval-data DIR and --split FRACTION") }
        if let split, !(split > 0 && split < 1) { throw ValidationError("--split must be in (0, 1), got \(split)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be ≥ 1, got \(repeats)") }
        guard ProbeTask(rawValue: task) != nil else {
            throw ValidationError("unknown --task '\(task)'; choices: \(ProbeTask.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let task = ProbeTask(rawValue: task)!
        let parts = encoder.split(separator: " ").map(String.init)
        var overrides: [String: ParameterValue] = [:]
        let registry = try Catalog.standard()
        let spec = try registry.spec(parts[0])
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let template = spec.parameters.first(where: { $0.name == pair[0] })?.defaultValue,
                  let value = template.parsingSameType(pair[1]) else {
                throw ValidationError("bad encoder parameter '\(part)'; \(spec.id) takes: "
                    + spec.parameters.map { "\($0.name)=\($0.defaultValue.typeName)" }.joined(separator: ", "))
            }
            overrides[pair[0]] = value
        }
        let built: any Encoder = try registry.make(parts[0], as: (any Encoder).self, overrides: overrides)
        let progress = TrainingProgress(quiet: quiet)
        let started = Date()
        let trainSet = try Dataset(directory: URL(fileURLWithPath: data))
        var entries: (train: [Manifest.Entry]?, eval: [Manifest.Entry]?) = (nil, nil)
        if let split { (entries.train, entries.eval) = try trainSet.split(heldOut: split, seed: 0) }
        let evalSet = try evalData.map { try Dataset(directory: URL(fileURLWithPath: $0)) } ?? trainSet
        var train = try ProbeExamples(encoder: built, dataset: trainSet, entries: entries.train, task: task,
                                      frames: frames, stride: stride, limit: maxExamples)
        var eval = try ProbeExamples(encoder: built, dataset: evalSet, entries: entries.eval, task: task,
                                     frames: frames, stride: stride, classes: train.classes)
        if standardize {
            let statistics = train.statistics
            train.standardize(statistics)
            eval.standardize(statistics)
        }
        progress.note("features: \(train.count) training and \(eval.count) evaluation windows of \(train.tokens)×\(train.width) "
            + "in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        var accuracies: [Double] = []
        for probeSeed in seed..<(seed + UInt64(repeats)) {
            var training = ProbeTraining()
            (training.steps, training.seed) = (steps, probeSeed)
            let (_, result) = try training.run(train: train, eval: eval, progress: progress)
            accuracies.append(result.accuracy)
            print(String(format: "%@ %@ seed %llu: top-1 %.3f on %d held-out windows (train %.3f, majority class %.3f)",
                         encoder, task.rawValue, probeSeed, result.accuracy, result.evalExamples, result.trainAccuracy, result.majorityRate))
            if let results { try append(result, seed: probeSeed, task: task, to: URL(fileURLWithPath: results)) }
        }
        if repeats > 1 {
            let mean = accuracies.reduce(0, +) / Double(repeats)
            let std = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(repeats - 1)).squareRoot()
            print(String(format: "%@ %@: top-1 %.3f ± %.3f over %d seeds (min %.3f, max %.3f)",
                         encoder, task.rawValue, mean, std, repeats, accuracies.min()!, accuracies.max()!))
        }
    }

    /// Appends one JSON line describing `result`.
    private func append(_ result: ProbeTraining.Result, seed: UInt64, task: ProbeTask, to url: URL) throws {
        let line: [String: String] = ["encoder": encoder, "task": task.rawValue, "seed": String(seed),
                                      "accuracy": String(result.accuracy), "train_accuracy": String(result.trainAccuracy),
                                      "majority": String(result.majorityRate), "eval_examples": String(result.evalExamples),
                                      "standardized": String(standardize),
                                      "eval": evalData ?? "split \(split ?? 0) of \(data)"]
        var existing = (try? Data(contentsOf: url)) ?? Data()
        existing.append(try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]))
        existing.append(0x0A)
        try existing.write(to: url, options: .atomic)
    }
}
