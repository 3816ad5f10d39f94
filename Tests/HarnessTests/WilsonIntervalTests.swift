import Testing
import Harness

@Suite struct WilsonIntervalTests {
    @Test func matchesTheClosedForm() {
        // Reference values from the closed form, computed independently.
        let cases: [(Int, Int, Double, Double)] = [
            (0, 10, 0.0, 0.2775328), (10, 10, 0.7224672, 1.0), (5, 10, 0.2365931, 0.7634069),
            (47, 50, 0.8378291, 0.9793850), (98, 100, 0.9299882, 0.9944980),
        ]
        for (k, n, lower, upper) in cases {
            let interval = WilsonInterval(successes: k, trials: n)
            #expect(abs(interval.lower - lower) < 1e-6 && abs(interval.upper - upper) < 1e-6, "\(k)/\(n)")
        }
    }

    @Test func summaryAndEdges() {
        #expect(WilsonInterval(successes: 47, trials: 50).summary == "47/50 (94.0%, 95% CI 83.8–97.9%)")
        let none = WilsonInterval(successes: 0, trials: 0)
        #expect(none.lower == 0 && none.upper == 1 && none.rate == 0)
    }
}
