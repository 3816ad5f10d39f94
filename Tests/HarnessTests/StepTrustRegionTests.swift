import Testing
import Harness

@Suite struct StepTrustRegionTests {
    @Test func aStepThatScoresWorseHalvesTheBoundDownToItsFloor() {
        var trust = StepTrustRegion(maxStep: 0.08)
        #expect(trust.radius == 0.08)
        trust.observe(before: 0.010, after: 0.011)
        #expect(trust.radius == 0.04)
        for _ in 0..<10 { trust.observe(before: 0.010, after: 0.012) }
        #expect(trust.radius == 0.005 && trust.minStep == 0.005)
    }

    @Test func aStepThatScoresBetterGrowsTheBoundBackToItsMaximum() {
        var trust = StepTrustRegion(maxStep: 0.08)
        trust.observe(before: 0.010, after: 0.011)
        trust.observe(before: 0.011, after: 0.012)
        #expect(trust.radius == 0.02)
        trust.observe(before: 0.012, after: 0.009)
        #expect(abs(trust.radius - 0.03) < 1e-7)
        for _ in 0..<10 { trust.observe(before: 0.009, after: 0.008) }
        #expect(trust.radius == 0.08)
        trust.observe(before: 0.008, after: 0.009)
        trust.reset()
        #expect(trust.radius == 0.08)
    }

    @Test func limitingPositionStepsNarrowsOnlyThePositionAxes() {
        let full = ActionBounds.positionAndGripper(maxStep: 0.075)
        let narrow = full.limitingPositionSteps(to: 0.01)
        #expect(Array(narrow.lower[0..<3]) == [-0.01, -0.01, -0.01] && Array(narrow.upper[0..<3]) == [0.01, 0.01, 0.01])
        #expect(Array(narrow.lower[3...]) == Array(full.lower[3...]) && Array(narrow.upper[3...]) == Array(full.upper[3...]))
        #expect(full.limitingPositionSteps(to: 1) == full)
    }

    @Test func outsideTheWorkspaceANarrowBoundStillPointsBackIn() {
        // MPCEpisode narrows the step first and keeps the hand in the workspace second: from x = 0.8 m (the box ends at
        // 0.68 m) the only x step left is back by the narrowed bound.
        let narrow = ActionBounds.positionAndGripper(maxStep: 0.075).limitingPositionSteps(to: 0.01)
        let kept = narrow.keeping([0.8, 0, 0.2], inside: .tableTop)
        #expect(kept.lower[0] == -0.01 && kept.upper[0] == -0.01)
        #expect(kept.lower[1] == -0.01 && kept.upper[1] == 0.01)
    }
}
