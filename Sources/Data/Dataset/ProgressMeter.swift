import Foundation

/// Progress of a long run on standard error: a live line (count, rate, ETA) on a terminal, a plain line every
/// tenth of the work (or 30 s) otherwise, nothing when quiet. Messages (`note`) print in every mode but quiet.
public final class ProgressMeter {
    public enum Mode: Sendable {
        /// A live line on a terminal, plain lines otherwise.
        case automatic
        case lines
        case quiet
    }

    private let mode: Mode
    private let live: Bool
    private let label: String
    private var total = 0
    private var done = 0
    private var started = Date()
    private var lastPrint = Date.distantPast
    private var lastTenth = 0

    public init(label: String, mode: Mode = .automatic) {
        self.label = label
        self.mode = mode
        live = mode == .automatic && isatty(STDERR_FILENO) == 1
    }

    /// Starts counting towards `total` items.
    public func start(total: Int) {
        self.total = total
        done = 0
        started = Date()
        lastTenth = 0
    }

    /// Counts `count` finished items and prints if it is time to.
    public func advance(by count: Int = 1) {
        done += count
        let now = Date()
        if live {
            guard now.timeIntervalSince(lastPrint) >= 0.1 || done == total else { return }
            emit("\r\u{1B}[K" + status(now: now) + (done == total ? "\n" : ""))
        } else if mode != .quiet {
            let tenth = total == 0 ? 10 : 10 * done / total
            guard tenth > lastTenth || now.timeIntervalSince(lastPrint) >= 30 else { return }
            lastTenth = tenth
            emit(status(now: now) + "\n")
        } else {
            return
        }
        lastPrint = now
    }

    /// Prints a message on a line of its own.
    public func note(_ message: String) {
        guard mode != .quiet else { return }
        emit((live ? "\r\u{1B}[K" : "") + message + "\n")
    }

    private func status(now: Date) -> String {
        let elapsed = max(now.timeIntervalSince(started), 1e-9)
        let rate = Double(done) / elapsed
        let percent = total == 0 ? 100 : 100 * done / total
        var text = "\(label) \(done)/\(total) (\(percent)%)  \(ProgressMeter.format(rate: rate))/s"
        if done < total, rate > 0 { text += "  ETA " + ProgressMeter.format(seconds: Double(total - done) / rate) }
        else { text += "  " + ProgressMeter.format(seconds: elapsed) }
        return text
    }

    private func emit(_ text: String) { FileHandle.standardError.write(Foundation.Data(text.utf8)) }

    static func format(rate: Double) -> String {
        rate >= 100 ? String(Int(rate.rounded())) : String(format: "%.2f", rate)
    }

    /// `1h02m`, `3m07s`, `12s`.
    static func format(seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, s % 3600 / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
