import Testing
import Harness

@Suite struct WorkspaceTests {
    let steps = ActionBounds.positionAndGripper(maxStep: 0.075)
    let box = Workspace.tableTop

    @Test func insideTheBoxOnlyStepsNearAWallAreNarrowed() {
        let bounds = steps.keeping([0.65, 0, 0.2], inside: box)
        #expect(abs(bounds.upper[0] - 0.03) < 1e-6 && bounds.lower[0] == -0.075)
        #expect(bounds.lower[1] == -0.075 && bounds.upper[1] == 0.075)
        #expect(bounds.lower[2] == -0.075 && bounds.upper[2] == 0.075)
        #expect(Array(bounds.lower[3...]) == Array(steps.lower[3...]) && Array(bounds.upper[3...]) == Array(steps.upper[3...]))
    }

    @Test func outsideTheBoxTheStepPointsBackIn() {
        let bounds = steps.keeping([0.8, -0.4, 0.5], inside: box)
        #expect(bounds.lower[0] == -0.075 && bounds.upper[0] == -0.075)  // 12 cm beyond x: the largest step back
        #expect(bounds.lower[1] == 0.075 && bounds.upper[1] == 0.075)
        #expect(bounds.lower[2] == -0.075 && bounds.upper[2] == -0.075)
        let near = steps.keeping([0.7, 0, 0.2], inside: box)  // 2 cm beyond x: back by 2 to 7.5 cm
        #expect(near.lower[0] == -0.075 && abs(near.upper[0] + 0.02) < 1e-6)
    }

    @Test func everyPointInTheBoxStaysInsideAfterAnyAllowedStep() {
        let fractions: [Float] = [0, 0.1, 0.5, 0.9, 1]
        for fx in fractions { for fy in fractions { for fz in fractions {
            let p = box.lower + SIMD3(fx, fy, fz) * (box.upper - box.lower)
            let bounds = steps.keeping(p, inside: box)
            for axis in 0..<3 {
                #expect(p[axis] + bounds.lower[axis] >= box.lower[axis] - 1e-6 && p[axis] + bounds.upper[axis] <= box.upper[axis] + 1e-6)
                #expect(bounds.lower[axis] <= 0 && bounds.upper[axis] >= 0)  // standing still is always allowed
            }
        } } }
    }
}
