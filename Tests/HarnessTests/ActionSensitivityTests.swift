import Harness
import Testing

@Suite struct ActionSensitivityTests {
    /// Three steps along x; each true frame is one value equal to the step, so frames differ exactly as actions do.
    let steps: [[Float]] = [[-0.05, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0.05, 0, 0, 0, 0, 0, 0]]
    let truth: [Float] = [-0.05, 0, 0.05]

    @Test func aPerfectPredictorFindsEveryGoalAction() {
        let report = ActionSensitivity.compare(truth: truth, predicted: truth, steps: steps)
        #expect(report.goalMiss == 0 && report.actionDependentError == 0)
        #expect(abs(report.cosine - 1) < 1e-6 && report.signal == report.spread)
        #expect(abs(report.chanceMiss - (0.05 + 0.1 + 0.05 + 0.05 + 0.1 + 0.05) / 9) < 1e-6)
    }

    @Test func aConstantBiasIsNotActionDependentButStillMisleadsTheGoalMatch() {
        let report = ActionSensitivity.compare(truth: truth, predicted: truth.map { $0 + 0.05 }, steps: steps)
        #expect(report.actionDependentError < 1e-7 && abs(report.cosine - 1) < 1e-6)
        // Each goal's frame is matched by the prediction of the step 5 cm below it (the first goal by itself).
        #expect(abs(report.goalMiss - (0 + 0.05 + 0.05) / 3) < 1e-6)
    }

    @Test func aPredictorThatIgnoresTheActionMissesLikeChanceAndHasNoSpread() {
        let report = ActionSensitivity.compare(truth: truth, predicted: [0, 0, 0], steps: steps)
        #expect(report.spread == 0 && report.cosine == 0)
        #expect(abs(report.actionDependentError - report.signal) < 1e-7)
        // Every goal picks the first candidate (ties keep the first): misses of 0, 0.05 and 0.1 m.
        #expect(abs(report.goalMiss - 0.05) < 1e-6)
    }

    @Test func aReversedPredictorPicksTheOppositeAction() {
        let report = ActionSensitivity.compare(truth: truth, predicted: truth.map { -$0 }, steps: steps)
        #expect(abs(report.cosine + 1) < 1e-6)
        #expect(abs(report.goalMiss - (0.1 + 0 + 0.1) / 3) < 1e-6)
    }
}
