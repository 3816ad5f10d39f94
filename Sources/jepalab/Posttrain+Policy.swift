import ArgumentParser
import Baselines
import Data
import Foundation
import Harness

extension Posttrain {
    /// `posttrain --policy policy/octo`: behaviour cloning with hindsight goals on the play data in --data; resumable
    /// states in `OUT.training/`, the loss curve in `OUT.training/curve.csv` and `.svg`, the policy in `OUT`.
    func trainPolicy(_ text: String) throws {
        let registry = try Catalog.standard()
        let reference = try ComponentReference(parsing: text, kind: .policy)
        guard reference.id == "policy/octo" else {
            throw ValidationError("--policy trains policy/octo; got \(reference.id)")
        }
        var options = OctoTraining.Options(steps: steps)
        (options.batchSize, options.learningRate, options.seed) = (batch, learningRate, seed)
        let cloning = try OctoBehaviourCloning(parameters: try reference.parameters(in: registry), options: options)
        let files = TrainingFiles(out: URL(fileURLWithPath: self.out))
        let out = files.out
        let summary = try cloning.run(dataset: try Dataset(directory: URL(fileURLWithPath: data)), out: out,
                                      checkpoints: files.checkpoints.directory, curve: files.curve, progress: TrainingProgress(quiet: quiet))
        if !quiet, let last = summary.lastMetrics {
            print(String(format: "policy/octo: %d steps (%d in this run) in %.1f s (%.2f steps/s), final loss %.4f -> %@",
                         steps, summary.stepsRun, summary.seconds, Double(summary.stepsRun) / max(summary.seconds, 1e-9), last.loss,
                         out.path))
        }
    }
}
