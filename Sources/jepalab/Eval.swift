import ArgumentParser
import Foundation
import Harness
import Sim

/// Which task cells to run and how many trials: shared by every way of acting (policies now, planners later).
struct TaskCells: ParsableArguments {
    @Option(help: "ManipulationTask: \(ManipulationTask.Kind.allCases.map(\.rawValue).joined(separator: ", ")), or all.")
    var task: String

    @Option(help: "Object: \(SceneObject.allCases.map(\.rawValue).joined(separator: ", ")), or all.")
    var object: String

    @Option(help: "Trials per task × object cell.")
    var trials = 10

    @Option(help: "Lab: \(Lab.builtIn.map(\.name).joined(separator: ", ")).")
    var lab = "train"

    @Option(help: "Seed; trial i of every cell uses the task drawn from (seed, i).")
    var seed: UInt64 = 0

    func validate() throws {
        if task != "all" { _ = try parse { try ManipulationTask.Kind(named: task) } }
        if object != "all" { _ = try parse { try SceneObject(named: object) } }
        _ = try parse { try Lab.named(lab) }
        guard trials > 0 else { throw ValidationError("--trials must be positive, got \(trials)") }
    }

    var kinds: [ManipulationTask.Kind] { task == "all" ? ManipulationTask.Kind.allCases : [ManipulationTask.Kind(rawValue: task)].compactMap { $0 } }
    var objects: [SceneObject] { object == "all" ? SceneObject.allCases : [SceneObject(rawValue: object)].compactMap { $0 } }

    private func parse<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SimError { throw ValidationError(error.description) }
    }
}

/// `jepalab eval`: run task episodes with a policy and report successes / trials with a 95% Wilson interval.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run task episodes with a policy and report successes / trials with a 95% Wilson interval.")

    static let policies = ["expert"]

    @Option(help: "Who acts: \(Eval.policies.joined(separator: ", ")) (the scripted expert uses privileged state).")
    var policy = "expert"

    @OptionGroup var cells: TaskCells

    @Flag(help: "Print only the result lines.")
    var quiet = false

    func validate() throws {
        guard Eval.policies.contains(policy) else {
            throw ValidationError("unknown policy '\(policy)'; policies: \(Eval.policies.joined(separator: ", "))")
        }
    }

    func run() throws {
        let lab = try Lab.named(cells.lab)
        var physicsSteps = 0, episodes = 0
        let totalEpisodes = cells.kinds.count * cells.objects.count * cells.trials
        let start = Date()
        for kind in cells.kinds {
            for object in cells.objects {
                var successes = 0
                for trial in 0..<cells.trials {
                    let task = ManipulationTask(kind: kind, object: object, seed: SeededRandom.derive(cells.seed, UInt64(trial)))
                    let world = World(task: task, lab: lab)
                    var expert = ExpertPolicy(task: task)
                    try world.run(&expert, steps: task.steps)
                    if task.success(in: world) { successes += 1 }
                    physicsSteps += task.steps * world.settings.stepsPerAction
                    episodes += 1
                    if !quiet && isatty(STDERR_FILENO) != 0 {
                        let elapsed = Date().timeIntervalSince(start)
                        let eta = elapsed / Double(episodes) * Double(totalEpisodes - episodes)
                        let line = String(format: "\r%@ %@ %d/%d, %.0f steps/s, ETA %.0f s", kind.rawValue, object.rawValue,
                                          trial + 1, cells.trials, Double(physicsSteps) / elapsed, eta)
                        FileHandle.standardError.write(Data(line.utf8))
                    }
                }
                if !quiet && isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                let interval = WilsonInterval(successes: successes, trials: cells.trials)
                print("\(policy) \(kind.rawValue) \(object.rawValue) lab \(lab.name): \(interval.summary)")
            }
        }
        if !quiet {
            let seconds = Date().timeIntervalSince(start)
            print(String(format: "%d physics steps in %.1f s (%.0f steps/s including control and resets)",
                         physicsSteps, seconds, Double(physicsSteps) / seconds))
        }
    }
}
