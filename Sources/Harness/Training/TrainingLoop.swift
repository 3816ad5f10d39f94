import Foundation

/// Drives a `TrainingTask` for a number of steps, holding `checkpoints` for itself (`CheckpointFolder.claim`):
/// resumes from the newest state in `checkpoints`, saves a state every `checkpointInterval` seconds and after the
/// last step, keeps the loss curve (`<curve>.csv`, `<curve>.svg`) in step with the saved state, shows progress, and
/// stops with `TrainingError.nonFinite` at the first step whose loss or extras are not finite, leaving the last good
/// state as it was.
public struct TrainingLoop {
    public var steps: Int
    public var checkpoints: CheckpointFolder
    public var curve: URL
    public var checkpointInterval: TimeInterval
    public var progress: TrainingProgress

    public init(steps: Int, checkpoints: CheckpointFolder, curve: URL, checkpointInterval: TimeInterval = 180,
                progress: TrainingProgress = TrainingProgress()) {
        self.steps = steps
        self.checkpoints = checkpoints
        self.curve = curve
        self.checkpointInterval = checkpointInterval
        self.progress = progress
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// The step the run started from (0, or the resumed state's step).
        public var resumedFrom: Int
        public var stepsRun: Int
        public var seconds: Double
        public var lastMetrics: StepMetrics?
    }

    /// Runs `task` up to `steps` completed steps.
    @discardableResult
    public func run<Task: TrainingTask>(_ task: inout Task) throws -> Summary {
        let claim = try checkpoints.claim()
        defer { withExtendedLifetime(claim) {} }
        var start = 0
        if let (step, folder) = try checkpoints.latest() {
            guard step <= steps else {
                throw TrainingError.invalid("\(folder.path) holds step \(step), beyond the requested \(steps) steps")
            }
            try task.load(from: folder)
            start = step
            progress.note("resuming from \(folder.path) (step \(step))")
        }
        var log = try LossCurve(csv: curve.appendingPathExtension("csv"), before: start)
        progress.start(at: start)
        let began = Date()
        var lastSave = Date()
        var last: StepMetrics?
        for s in start..<max(start, steps) {
            let metrics = try task.step(s)
            for (name, value) in [("loss", metrics.loss)] + metrics.extras.map({ ($0.name, $0.value) }) where !value.isFinite {
                throw TrainingError.nonFinite(step: s, name: name, value: value, lastGood: try checkpoints.latest()?.folder)
            }
            log.append(step: s, metrics)
            progress.update(step: s, total: steps, metrics: metrics)
            last = metrics
            if s + 1 == steps || Date().timeIntervalSince(lastSave) >= checkpointInterval {
                try checkpoints.save(step: s + 1) { try task.save(to: $0) }
                try log.write(base: curve)
                lastSave = Date()
            }
        }
        return Summary(resumedFrom: start, stepsRun: max(0, steps - start), seconds: Date().timeIntervalSince(began), lastMetrics: last)
    }
}
