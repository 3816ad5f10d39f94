import Testing
import Sim

@Suite struct PolicyTests {
    @Test func playPolicyIsLabelledSeededAndInteracts() throws {
        func play() throws -> (labels: [Primitive], objects: [[Double]]) {
            let world = World(seed: 21)
            var policy = PlayPolicy(seed: 21)
            let steps = try world.run(&policy, steps: 60)
            return (steps.map(\.primitive), world.observables.objectVectors.flatMap { $0 })
        }
        let first = try play(), second = try play()
        #expect(first.labels == second.labels && first.objects == second.objects)
        #expect(Set(first.labels).count >= 5, "labels used: \(Set(first.labels))")
        #expect(Primitive.allCases.map(\.rawValue) == Array(0...8))
    }

    @Test func randomActionsStayPhysical() {
        let report = StressTest(episodes: 20, actionsPerEpisode: 12, seed: 5).run()
        #expect(report.violations.isEmpty, "\(report.violations.prefix(5))")
        #expect(report.episodes == 20 && report.actions == 240)
        #expect(report.maxArmPenetration < 0.01)
    }

    @Test func theJointSpeedTailCountsTheActionsAboveItsRatio() {
        var test = StressTest(episodes: 4, actionsPerEpisode: 10, seed: 5)
        let counts = [0.05, 0.2, 2].map { ratio in
            test.tailRatio = ratio
            return test.run().jointSpeedTail
        }
        // When a random action ends, some joint still turns faster than 5 % of its limit nearly every time (40 of
        // 40), faster than 20 % about half the time (21), and never faster than twice the limit.
        #expect(counts[0] >= 36 && counts[1] > 0 && counts[1] < counts[0] && counts[2] == 0, "\(counts)")
    }
}
