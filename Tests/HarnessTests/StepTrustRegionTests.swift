import Testing
import Harness

@Suite struct StepTrustRegionTests {
    @Test func aStepThatScoresWorseIsUndoneAndHalvesTheBoundDownToItsFloor() {
        var trust = StepTrustRegion(maxStep: 0.08)
        #expect(trust.radius == 0.08 && trust.best == nil)
        #expect(trust.judge(energy: 0.010, hand: [0.5, 0, 0.2], gripper: 0) == nil)
        let anchor = trust.judge(energy: 0.011, hand: [0.55, 0, 0.2], gripper: 1)
        #expect(anchor == StepTrustRegion.Anchor(energy: 0.010, hand: [0.5, 0, 0.2], gripper: 0) && trust.radius == 0.04)
        // The frame after the return is taken as it is, a little worse or not, and the bound stays.
        #expect(trust.judge(energy: 0.0101, hand: [0.501, 0, 0.2], gripper: 0) == nil)
        #expect(trust.radius == 0.04 && trust.best?.energy == 0.0101)
        for _ in 0..<10 {
            #expect(trust.judge(energy: 0.012, hand: [0.6, 0, 0.2], gripper: 0) != nil)
            _ = trust.judge(energy: 0.0101, hand: [0.501, 0, 0.2], gripper: 0)
        }
        #expect(trust.radius == 0.005 && trust.minStep == 0.005)
    }

    @Test func aStepThatScoresNoWorseIsKeptAndGrowsTheBoundBackToItsMaximum() {
        var trust = StepTrustRegion(maxStep: 0.08)
        _ = trust.judge(energy: 0.010, hand: .zero, gripper: 0)
        _ = trust.judge(energy: 0.011, hand: .zero, gripper: 0)
        _ = trust.judge(energy: 0.010, hand: .zero, gripper: 0)
        _ = trust.judge(energy: 0.012, hand: .zero, gripper: 0)
        #expect(trust.radius == 0.02)
        _ = trust.judge(energy: 0.010, hand: .zero, gripper: 0)
        #expect(trust.judge(energy: 0.009, hand: [0, 0, 0.1], gripper: 1) == nil)
        #expect(abs(trust.radius - 0.03) < 1e-7 && trust.best?.hand == [0, 0, 0.1])
        #expect(trust.judge(energy: 0.009, hand: [0, 0, 0.2], gripper: 1) == nil)  // as good: kept
        for _ in 0..<10 { _ = trust.judge(energy: 0.008, hand: .zero, gripper: 0) }
        #expect(trust.radius == 0.08)
        _ = trust.judge(energy: 0.009, hand: .zero, gripper: 0)
        trust.reset()
        #expect(trust.radius == 0.08 && trust.best == nil)
        #expect(trust.judge(energy: 0.5, hand: .zero, gripper: 0) == nil)  // a new sub-goal's first frame is the anchor
    }

    @Test func theReturnStepGoesBackWithinTheBoundsWithTheAnchorsGripper() {
        let bounds = ActionBounds.positionAndGripper(maxStep: 0.075)
        let anchor = StepTrustRegion.Anchor(energy: 0.01, hand: [0.5, 0, 0.2], gripper: 1)
        let back = bounds.returning(from: [0.52, -0.1, 0.25], to: anchor)
        #expect(abs(back[0] + 0.02) < 1e-6 && back[1] == 0.075 && abs(back[2] + 0.05) < 1e-6)
        #expect(Array(back[3...]) == [0, 0, 0, 1])
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
