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

/// `jepalab eval`: run task episodes with a policy, or with an encoder, predictor and planner toward goal images, and
/// report successes / trials with a 95% Wilson interval.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run task episodes and report successes / trials with a 95% Wilson interval.",
        discussion: """
            With --planner: model-predictive control toward goal images (encoder, predictor, planner), one record \
            per episode in OUT/records, frames in OUT/episodes, the table in OUT/table.md. Trials shard with \
            --shard i/n; episodes already recorded in OUT are skipped. Without --planner: the --policy, either the \
            scripted expert or a trained policy (e.g. octo:checkpoint=PATH, recorded into --out like planning).
            """)

    @Option(help: "Who acts: expert (scripted, privileged state) or a trained policy, e.g. octo:checkpoint=runs/octo.safetensors.")
    var policy = "expert"

    @OptionGroup var cells: TaskCells

    @Option(help: "Encoder for planning, e.g. encoder/vjepa:checkpoint=runs/enc.safetensors.")
    var encoder: String?

    @Option(help: "Predictor for planning: ac:checkpoint=PATH, pixels:checkpoint=PATH, or oracle (the simulator, upper bound).")
    var predictor: String?

    @Option(help: "Planner, e.g. cem or cem:samples=100,iterations=4. Selects planning instead of --policy.")
    var planner: String?

    @Option(help: "Output folder for records, frames and the table (planning only).")
    var out: String?

    @Option(help: "Run only trials i with i % n == this shard's index, written as i/n.")
    var shard = "0/1"

    @Option(help: "Planning horizon in actions (the paper plans one action ahead).")
    var horizon = 1

    @Flag(help: "Let planned steps leave the table-top workspace box (x 0.33–0.68, y ±0.26, z 0.015–0.36 m) that planning keeps the hand in by default.")
    var unboundedWorkspace = false

    @Flag(help: "Search every step within the full ±7.5 cm and keep every step, as the paper does, instead of undoing a step the camera scores worse than the best frame so far (halving the bound) and growing the bound after one it scores no worse.")
    var fixedSteps = false

    @Flag(help: "Hold the gripper at its command in force instead of searching it (the hand's rotation is always held). A diagnostic: it separates a failing gripper choice from a failing hand position.")
    var holdGripper = false

    @Flag(help: "Set the gripper to the command each sub-goal was arranged with instead of searching it (privileged: read from the task, not the goal image). A diagnostic: how far planning the hand's position alone gets.")
    var givenGripper = false

    @Flag(help: "Print only the result lines.")
    var quiet = false

    func validate() throws {
        if planner != nil {
            guard encoder != nil, predictor != nil, out != nil else {
                throw ValidationError("planning needs --encoder, --predictor, --planner and --out")
            }
            _ = try parseShard()
            guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1, got \(horizon)") }
            guard !(holdGripper && givenGripper) else { throw ValidationError("--hold-gripper and --given-gripper exclude each other") }
        }
        if planner == nil && policy != "expert" {
            guard out != nil else { throw ValidationError("a trained --policy needs --out for its records") }
            _ = try parseShard()
        }
    }

    /// The gripper control the flags choose (`validate` refuses both).
    var gripper: GripperControl { holdGripper ? .held : givenGripper ? .given : .searched }

    func parseShard() throws -> (index: Int, count: Int) {
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else {
            throw ValidationError("--shard '\(shard)' is not i/n with 0 ≤ i < n, e.g. 0/2")
        }
        return (parts[0], parts[1])
    }

    func run() throws {
        if let planner, let encoder, let predictor, let out {
            return try runPlanning(encoder: encoder, predictor: predictor, planner: planner, out: URL(fileURLWithPath: out))
        }
        if policy != "expert", let out { return try runPolicy(policy, out: URL(fileURLWithPath: out)) }
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

extension Eval {
    func runPlanning(encoder: String, predictor: String, planner: String, out: URL) throws {
        let registry = try Catalog.standard()
        let agent = try PlanningAgent(encoder: try registry.component(encoder, kind: .encoder),
                                      predictor: try registry.component(predictor, kind: .predictor),
                                      planner: try registry.component(planner, kind: .planner), registry: registry)
        var names = agent.names
        if unboundedWorkspace { names.planner += " (unbounded workspace)" }
        if fixedSteps { names.planner += " (fixed steps)" }
        if gripper != .searched { names.planner += " (gripper \(gripper.rawValue))" }
        var evaluation = PlanningEvaluation(kinds: cells.kinds, objects: cells.objects, lab: try Lab.named(cells.lab),
                                            trials: cells.trials, seed: cells.seed, names: names)
        evaluation.shard = try parseShard()
        evaluation.horizon = horizon
        evaluation.workspace = unboundedWorkspace ? nil : .tableTop
        if fixedSteps { evaluation.stepControl = nil }
        evaluation.gripper = gripper
        try agent.run(evaluation, in: out, done: printRecord)
        try writeTable(out)
    }

    /// A trained policy (`policy/octo:checkpoint=PATH`) toward the same goal images and tasks as planning.
    func runPolicy(_ text: String, out: URL) throws {
        let registry = try Catalog.standard()
        let agent = try PolicyAgent(policy: try registry.component(text, kind: .policy), registry: registry)
        var evaluation = PlanningEvaluation(kinds: cells.kinds, objects: cells.objects, lab: try Lab.named(cells.lab),
                                            trials: cells.trials, seed: cells.seed, names: agent.names)
        evaluation.shard = try parseShard()
        try agent.run(evaluation, in: out, done: printRecord)
        try writeTable(out)
    }

    func printRecord(_ record: EpisodeRecord) {
        guard !quiet else { return }
        print(String(format: "%@ %@ trial %d: %@  final distance %.3f m  %.3f s/action", record.task, record.object,
                     record.trial, record.success ? "success" : "failure", record.finalDistance, record.secondsPerAction))
    }

    func writeTable(_ out: URL) throws {
        let table = EvaluationTable(records: try EvaluationTable.records(in: out))
        try table.markdown.write(to: out.appendingPathComponent("table.md"), atomically: true, encoding: .utf8)
        print(table.markdown, terminator: "")
    }
}
