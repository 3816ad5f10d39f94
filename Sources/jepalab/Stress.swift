import ArgumentParser
import Foundation
import Sim

/// `jepalab stress`: random-action episodes checking that the simulated world stays physical.
struct Stress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run random-action episodes and check the physics stays within physical bounds.",
        discussion: """
            Checks after every action: no non-finite state, joint speeds within 1.5× the Panda's limits, objects \
            slower than 5 m/s, the arm and gripper at most 1 cm into the table, objects leaving only by falling \
            to the floor. Exits with an error when anything is violated. Also counts the actions that end with a \
            joint in the tail below that bound (the printed line names its ratio).
            """)

    @Option(help: "Episodes.") var episodes = 1000
    @Option(help: "Actions per episode.") var actions = 20
    @Option(help: "Lab: \(Lab.builtIn.map(\.name).joined(separator: ", ")).") var lab = "train"
    @Option(help: "Seed.") var seed: UInt64 = 0
    @Flag(help: "Print only the result.") var quiet = false

    func validate() throws {
        do { _ = try Lab.named(lab) } catch let error as SimError { throw ValidationError(error.description) }
        guard episodes > 0, actions > 0 else { throw ValidationError("--episodes and --actions must be positive") }
    }

    func run() throws {
        let test = StressTest(episodes: episodes, actionsPerEpisode: actions, seed: seed, lab: try Lab.named(lab))
        let terminal = !quiet && isatty(STDERR_FILENO) != 0
        let report = test.run { report in
            if terminal {
                FileHandle.standardError.write(Data("\r\(report.episodes)/\(episodes) episodes, \(Int(report.stepsPerSecond)) steps/s".utf8))
            }
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(String(format: "%d episodes, %d actions, %d physics steps in %.1f s (%.0f steps/s)", report.episodes,
                     report.actions, report.physicsSteps, report.seconds, report.stepsPerSecond))
        print(String(format: "max joint speed %.2f× limit (%d actions above %.1f×), max object speed %.2f m/s, max arm penetration %.1f mm, %d objects fell to the floor",
                     report.maxJointSpeedRatio, report.jointSpeedTail, test.tailRatio, report.maxObjectSpeed,
                     1000 * report.maxArmPenetration, report.objectsOnFloor))
        for violation in report.violations.prefix(20) { print("violation: \(violation)") }
        if !report.violations.isEmpty {
            throw ValidationError("\(report.violations.count) violations of physical bounds")
        }
        print("no violations")
    }
}
