import ArgumentParser
import Data
import Foundation
import Render

/// Which episode to show: a task solved live by the expert, or a recorded dataset episode. Shared by render and view.
struct EpisodeChoice: ParsableArguments {
    @Option(help: "A recorded episode file (episode_NNNNNN.npz) instead of a live task.") var episode: String?
    @Option(help: "Task: \(ManipulationTask.Kind.allCases.map(\.rawValue).joined(separator: ", ")).") var task: String?
    @Option(help: "Object: \(SceneObject.allCases.map(\.rawValue).joined(separator: ", ")).") var object = "cup"
    @Option(help: "Lab: \(Lab.builtIn.map(\.name).joined(separator: ", ")).") var lab = "train"
    @Option(help: "Task seed (start and goal poses).") var seed: UInt64 = 0

    func validate() throws {
        guard (episode == nil) != (task == nil) else {
            throw ValidationError("give either --episode FILE or --task TASK (with --object, --lab, --seed)")
        }
        if task != nil { _ = try ValidationError.wrapping { try liveTask() } }
    }

    /// The live task and its lab.
    func liveTask() throws -> (task: ManipulationTask, lab: Lab) {
        (try ManipulationTask(kind: task ?? "", object: object, seed: seed), try Lab.named(lab))
    }

    /// The recorded episode, fully verified.
    func recorded() throws -> Episode {
        guard let episode else { throw ValidationError("no --episode given") }
        return try Episode(contentsOf: URL(fileURLWithPath: episode))
    }
}

/// The goal images of a task: `goal.png`, and `subgoal-1.png …` when the task has several goals (grasp, pick-and-place).
enum GoalImages {
    static func render(_ task: ManipulationTask, lab: Lab, renderer: Renderer, size: Int) -> [(name: String, image: RGBImage)] {
        var images = [(name: String, image: RGBImage)]()
        for (i, goal) in task.goals.enumerated() {
            let image = renderer.render(World(lab: lab, arrangement: goal).visualBodies, lab: lab, width: size, height: size)
            if task.goals.count > 1 { images.append(("subgoal-\(i + 1).png", image)) }
            if i == task.goals.count - 1 { images.append(("goal.png", image)) }
        }
        return images
    }
}

/// `jepalab render`: write a live expert episode (with its goal images) or a recorded episode as PNG frames.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write an expert task episode (and its goal images) or a recorded episode as PNG frames.",
        discussion: """
            With --task, the expert solves the task in the lab and DIR receives 000000.png (the start) up to one \
            frame after the last action, plus goal.png (and subgoal-1.png … for grasp and pick-and-place). With \
            --episode, the episode's stored frames are written at their recorded size. Every file is written \
            atomically; numbered frames left from a longer earlier run in DIR are removed.
            """)

    @OptionGroup var choice: EpisodeChoice
    @Option(help: "Frame width and height in pixels (live tasks).") var size = 256
    @Option(help: "Samples per pixel along each axis, 1…4 (2 anti-aliases; live tasks).") var supersampling = 1
    @Option(help: "Output folder.") var out: String

    func validate() throws {
        guard (8...4096).contains(size) else { throw ValidationError("--size must be in 8...4096, got \(size)") }
        guard (1...4).contains(supersampling) else {
            throw ValidationError("--supersampling must be in 1...4, got \(supersampling)")
        }
    }

    func run() throws {
        let directory = URL(fileURLWithPath: out)
        if choice.episode != nil {
            let episode = try choice.recorded()
            try PNGSequence.write((0..<episode.steps).map(episode.frame), to: directory)
            let meta = episode.meta
            print("\(choice.episode ?? ""): \(episode.steps) frames \(meta.width)×\(meta.height) (\(meta.policy), lab "
                  + "\(meta.lab), episode \(meta.episodeIndex)) written to \(out)")
            return
        }
        let (task, lab) = try choice.liveTask()
        let renderer = Renderer(supersampling: supersampling)
        let world = World(task: task, lab: lab)
        var expert = ExpertPolicy(task: task)
        for t in 0...task.steps {
            if t > 0 { try world.apply(expert.next(in: world).action) }
            let frame = renderer.render(world.visualBodies, lab: lab, width: size, height: size)
            try PNGSequence.write(frame, index: t, to: directory)
        }
        try PNGSequence.removeFrames(from: task.steps + 1, in: directory)
        let goals = GoalImages.render(task, lab: lab, renderer: renderer, size: size)
        for goal in goals { try PNG.write(goal.image, to: directory.appendingPathComponent(goal.name)) }
        print("\(task.kind.rawValue) \(task.object.rawValue) seed \(task.seed) lab \(lab.name): \(task.steps + 1) frames "
              + "\(size)×\(size) and \(goals.map(\.name).joined(separator: ", ")) written to \(out); expert "
              + (task.success(in: world) ? "succeeded" : "failed"))
    }
}
