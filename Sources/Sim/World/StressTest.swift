import Foundation

/// Random-action episodes that check the world stays physical: no non-finite state, joint and object speeds
/// within bounds, the arm never more than 1 cm into the table, objects leaving only by falling to the floor.
public struct StressTest {
    public struct Report: Sendable {
        public var episodes = 0
        public var actions = 0
        public var physicsSteps = 0
        public var seconds = 0.0
        public var maxJointSpeedRatio = 0.0
        /// Actions that ended with a joint above `tailRatio` times its speed limit: the tail below the bound,
        /// which tells two versions of the arm apart where the maximum is one chaotic action.
        public var jointSpeedTail = 0
        public var maxObjectSpeed = 0.0
        public var maxArmPenetration = 0.0
        /// Objects that ended an episode on the floor.
        public var objectsOnFloor = 0
        /// Each violation with its episode and step.
        public var violations: [String] = []

        public var stepsPerSecond: Double { Double(physicsSteps) / max(seconds, 1e-9) }
    }

    public var episodes: Int
    public var actionsPerEpisode: Int
    public var seed: UInt64
    public var lab: Lab
    /// The multiple of a joint's speed limit above which an action counts in `Report.jointSpeedTail`.
    public var tailRatio = 1.3

    public init(episodes: Int, actionsPerEpisode: Int = 20, seed: UInt64 = 0, lab: Lab = .train) {
        self.episodes = episodes
        self.actionsPerEpisode = actionsPerEpisode
        self.seed = seed
        self.lab = lab
    }

    /// Runs the episodes; `progress` is called after each with the report so far.
    public func run(progress: (Report) -> Void = { _ in }) -> Report {
        var report = Report()
        let start = Date()
        for episode in 0..<episodes {
            let episodeSeed = SeededRandom.derive(seed, UInt64(episode))
            let world = World(lab: lab, seed: episodeSeed)
            var policy = RandomPolicy(seed: episodeSeed)
            for step in 0..<actionsPerEpisode {
                do {
                    try world.apply(policy.next(in: world).action)
                } catch {
                    report.violations.append("episode \(episode) step \(step): \(error)")
                    break
                }
                report.actions += 1
                report.physicsSteps += world.settings.stepsPerAction
                let ratios = zip(world.jointSpeeds, PandaKinematics.maxVelocities).map { $0 / $1 }
                report.maxJointSpeedRatio = max(report.maxJointSpeedRatio, ratios.max() ?? 0)
                if ratios.contains(where: { $0 > tailRatio }) { report.jointSpeedTail += 1 }
                report.maxObjectSpeed = max(report.maxObjectSpeed, world.objectSpeeds.max() ?? 0)
                report.maxArmPenetration = max(report.maxArmPenetration, world.armPenetration)
                report.violations += world.boundViolations.map { "episode \(episode) step \(step): \($0)" }
            }
            report.objectsOnFloor += world.observables.objects.filter { $0.position.z < Scenery.floor + 0.1 }.count
            report.episodes += 1
            report.seconds = Date().timeIntervalSince(start)
            progress(report)
        }
        return report
    }
}
