import ArgumentParser
import Data
import Foundation
import Render

/// `jepalab view`: show a live expert episode or a recorded episode in a window.
struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Show a live expert task episode or a recorded episode in a window (space pause, → step, q quit).",
        discussion: """
            Plays at --rate frames per second (4 Hz, the policy rate, by default); the window title shows the task \
            or episode, the step, the primitive or success. Space pauses and resumes, the right arrow steps one frame, \
            q (or closing the window) quits. After the last frame the window stays open until q, unless \
            --exit-at-end. Needs a display: under a headless machine, run Xvfb and set DISPLAY.
            """)

    @OptionGroup var choice: EpisodeChoice
    @Option(help: "Window width and height in pixels.") var window = 512
    @Option(help: "Frames per second.") var rate = 4.0
    @Flag(help: "Close the window after the last frame instead of waiting for q.") var exitAtEnd = false
    @Option(help: "At exit, save what the window shows (read back from OpenGL) as this PNG.") var screenshot: String?

    func validate() throws {
        guard (64...4096).contains(window) else { throw ValidationError("--window must be in 64...4096, got \(window)") }
        guard rate > 0, rate <= 1000 else { throw ValidationError("--rate must be in (0, 1000], got \(rate)") }
    }

    func run() throws {
        var source: any PlaybackSource = choice.episode != nil
            ? try RecordedPlayback(episode: choice.recorded(), name: URL(fileURLWithPath: choice.episode ?? "").lastPathComponent)
            : try LivePlayback(choice.liveTask(), size: max(64, window / 2))
        let screen = try Window(width: window, height: window, title: source.title(step: 0))
        var step = 0, paused = false, shown = -1
        var due = Date()
        while !screen.shouldClose {
            if shown != step {
                screen.present(try source.frame(step))
                screen.title = source.title(step: step) + (paused ? " · paused" : "")
                shown = step
                due = Date().addingTimeInterval(1 / rate)
            }
            let last = step == source.count - 1
            if last && exitAtEnd { break }
            var quit = false
            for key in screen.pollKeys(timeout: max(0.001, due.timeIntervalSinceNow)) {
                switch key {
                case .quit: quit = true
                case .space:
                    paused.toggle()
                    screen.title = source.title(step: step) + (paused ? " · paused" : "")
                case .right: step = min(step + 1, source.count - 1)
                }
            }
            if quit { break }
            if !paused, !last, shown == step, Date() >= due { step += 1 }
        }
        if let screenshot { try PNG.write(screen.readPixels(), to: URL(fileURLWithPath: screenshot)) }
        print("viewed \(source.title(step: shown))")
    }
}

/// Frames and titles for the viewer, produced in order.
protocol PlaybackSource {
    var count: Int { get }
    /// Frame `step`; steps are asked in increasing order.
    mutating func frame(_ step: Int) throws -> RGBImage
    func title(step: Int) -> String
}

/// A task solved live by the expert: the world advances one action per new frame.
struct LivePlayback: PlaybackSource {
    let task: ManipulationTask
    let lab: Lab
    let size: Int
    let world: World
    var expert: ExpertPolicy
    let renderer = Renderer(supersampling: 2)
    var frames: [RGBImage] = []
    var success: [Bool] = []

    init(_ live: (task: ManipulationTask, lab: Lab), size: Int) {
        task = live.task
        lab = live.lab
        self.size = size
        world = World(task: task, lab: lab)
        expert = ExpertPolicy(task: task)
    }

    var count: Int { task.steps + 1 }

    mutating func frame(_ step: Int) throws -> RGBImage {
        while frames.count <= step {
            if !frames.isEmpty { try world.apply(expert.next(in: world).action) }
            frames.append(renderer.render(world.visualBodies, lab: lab, width: size, height: size))
            success.append(task.success(in: world))
        }
        return frames[step]
    }

    func title(step: Int) -> String {
        let done = step < success.count ? (success[step] ? "yes" : "no") : "–"
        return "\(task.kind.rawValue) \(task.object.rawValue) (\(lab.name), seed \(task.seed)) · step \(step)/\(task.steps) · success: \(done)"
    }
}

/// A recorded dataset episode.
struct RecordedPlayback: PlaybackSource {
    let episode: Episode
    let name: String

    var count: Int { episode.steps }

    func frame(_ step: Int) throws -> RGBImage { episode.frame(step) }

    func title(step: Int) -> String {
        let meta = episode.meta
        let label = meta.primitives.indices.contains(episode.primitive[step]) ? meta.primitives[episode.primitive[step]] : "?"
        var text = "\(name) \(meta.policy)"
        if let task = meta.extra["task"], let object = meta.extra["task_object"] { text += " \(task) \(object)" }
        text += " (\(meta.lab)) · step \(step)/\(episode.steps - 1) · \(label)"
        if let success = meta.extra["task_success"] { text += " · success at end: \(success == "true" ? "yes" : "no")" }
        return text
    }
}
