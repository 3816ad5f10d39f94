import Foundation

/// The Wilson score interval of a binomial proportion: how the paper's success rates are reported.
///
/// For `successes` out of `trials` and the normal quantile `z` (1.96 for 95 %), the interval is
/// `(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)`, which stays inside [0, 1] and is sensible at 0 and n
/// successes. With no trials it is [0, 1].
public struct WilsonInterval: Hashable, Sendable {
    public let successes: Int
    public let trials: Int
    public let lower: Double
    public let upper: Double

    /// The two-sided 95 % normal quantile.
    public static let z95 = 1.959963984540054

    public init(successes: Int, trials: Int, z: Double = WilsonInterval.z95) {
        precondition(trials >= 0 && successes >= 0 && successes <= trials, "need 0 ≤ successes ≤ trials")
        self.successes = successes
        self.trials = trials
        guard trials > 0 else {
            lower = 0
            upper = 1
            return
        }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }

    /// The observed rate `successes / trials` (0 with no trials).
    public var rate: Double { trials == 0 ? 0 : Double(successes) / Double(trials) }

    /// For example `47/50 (94.0%, 95% CI 83.8–97.9%)`.
    public var summary: String {
        func percent(_ x: Double) -> String { String(format: "%.1f", 100 * x) }
        return "\(successes)/\(trials) (\(percent(rate))%, 95% CI \(percent(lower))–\(percent(upper))%)"
    }
}
