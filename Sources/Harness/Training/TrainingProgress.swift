import Foundation

/// Progress of a training run on standard error: step, loss, rate and ETA — a live line on a terminal, a plain
/// line every `interval` seconds otherwise, nothing when quiet. Notes print in every mode but quiet.
public final class TrainingProgress {
    private let quiet: Bool
    private let live: Bool
    private let interval: TimeInterval
    private var started = Date()
    private var firstStep = 0
    private var lastPrint = Date.distantPast

    public init(quiet: Bool = false, interval: TimeInterval = 30) {
        self.quiet = quiet
        self.interval = interval
        live = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Starts timing at `step` (after a resume, the steps before it do not count towards the rate).
    public func start(at step: Int) {
        started = Date()
        firstStep = step
    }

    /// Reports that `step` of `total` finished with `metrics`.
    public func update(step: Int, total: Int, metrics: StepMetrics) {
        guard !quiet else { return }
        let now = Date()
        let last = step + 1 == total
        guard now.timeIntervalSince(lastPrint) >= (live ? 0.2 : interval) || last || step == firstStep else { return }
        lastPrint = now
        let elapsed = max(now.timeIntervalSince(started), 1e-9)
        let rate = Double(step + 1 - firstStep) / elapsed
        var line = "step \(step + 1)/\(total)  loss \(String(format: "%.4f", metrics.loss))"
        for extra in metrics.extras.prefix(3) { line += "  \(extra.name) \(String(format: "%.3g", extra.value))" }
        line += String(format: "  %.2f steps/s", rate)
        line += last ? "  " + TrainingProgress.format(seconds: elapsed) : "  ETA " + TrainingProgress.format(seconds: Double(total - step - 1) / rate)
        emit(live ? "\r\u{1B}[K" + line + (last ? "\n" : "") : line + "\n")
    }

    /// Prints a message on a line of its own.
    public func note(_ message: String) {
        guard !quiet else { return }
        emit((live ? "\r\u{1B}[K" : "") + message + "\n")
    }

    private func emit(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// `1h02m`, `3m07s`, `12s`.
    public static func format(seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, s % 3600 / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
