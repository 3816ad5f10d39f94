import Foundation
import Render
import Testing

/// Whether an X display is reachable (scripts/test starts Xvfb when there is none).
let displayAvailable = ProcessInfo.processInfo.environment["DISPLAY"].map { !$0.isEmpty } ?? false

/// Whether keys can be typed into windows (`apt-get install xdotool`); the key test is skipped otherwise.
let xdotoolAvailable = displayAvailable && (try? Shell.run(["xdotool", "version"]))?.status == 0

@Suite(.serialized) struct RenderCommandTests {
    @Test func renderWritesTheExpertFramesAndTheGoalImages() throws {
        let out = try Folder.make()
        defer { try? FileManager.default.removeItem(at: out) }
        // A leftover frame from a longer earlier run is removed.
        try PNG.write(RGBImage(width: 2, height: 2), to: out.appendingPathComponent("000099.png"))
        let (status, output) = try JEPALabProcess.run(
            ["render", "--task", "pick-and-place", "--object", "cup", "--lab", "lab-b", "--seed", "3", "--size", "32",
             "--out", out.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("51 frames 32×32 and subgoal-1.png, subgoal-2.png, subgoal-3.png, subgoal-4.png, subgoal-5.png, goal.png"), "\(output)")
        #expect(output.contains("expert succeeded"), "\(output)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        let expected = Set((0...50).map(PNGSequence.fileName) + ["goal.png"] + (1...5).map { "subgoal-\($0).png" })
        #expect(names == expected)
        let frames = try PNGSequence.read(from: out)
        #expect(frames.count == 51 && frames.allSatisfy { $0.width == 32 && $0.height == 32 })
        #expect(frames[0] != frames[50], "the arm moved the cup")
        let goal = try PNG.read(from: out.appendingPathComponent("goal.png"))
        #expect(goal == (try PNG.read(from: out.appendingPathComponent("subgoal-5.png"))))
        #expect(goal != (try PNG.read(from: out.appendingPathComponent("subgoal-1.png"))))

        let bad = try JEPALabProcess.run(["render", "--task", "juggle", "--out", out.path])
        #expect(bad.status != 0 && bad.output.contains("juggle") && bad.output.contains("pick-and-place"), "\(bad.output)")
        let both = try JEPALabProcess.run(["render", "--out", out.path])
        #expect(both.status != 0 && both.output.contains("either --episode FILE or --task"), "\(both.output)")
    }

    @Test func renderWritesARecordedEpisodesFrames() throws {
        let out = try Folder.make()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try JEPALabProcess.run(GenerateCommandTests.tiny(out.appendingPathComponent("data"), episodes: 1)).status == 0)
        let file = out.appendingPathComponent("data/episode_000000.npz")
        let (status, output) = try JEPALabProcess.run(["render", "--episode", file.path, "--out", out.appendingPathComponent("frames").path])
        #expect(status == 0 && output.contains("6 frames 32×32 (play, lab train, episode 0)"), "\(output)")
        let frames = try PNGSequence.read(from: out.appendingPathComponent("frames"))
        #expect(frames.count == 6 && frames.allSatisfy { $0.width == 32 })
    }

    @Test(.enabled(if: displayAvailable, "no X display (scripts/test starts Xvfb)"))
    func viewShowsARecordedEpisodeAndExits() throws {
        let out = try Folder.make()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try JEPALabProcess.run(GenerateCommandTests.tiny(out, episodes: 1)).status == 0)
        let file = out.appendingPathComponent("episode_000000.npz")
        let frames = out.appendingPathComponent("frames")
        #expect(try JEPALabProcess.run(["render", "--episode", file.path, "--out", frames.path]).status == 0)
        let shot = out.appendingPathComponent("shot.png")
        let started = Date()
        let (status, output) = try JEPALabProcess.run(
            ["view", "--episode", file.path, "--window", "128", "--rate", "50", "--exit-at-end", "--screenshot", shot.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("episode_000000.npz play (train) · step 5/5"), "\(output)")
        #expect(Date().timeIntervalSince(started) < 20)
        // The window shows the last frame, scaled 4× by pixel replication.
        let last = try PNGSequence.read(from: frames)[5]
        let window = try PNG.read(from: shot)
        #expect(window.width == 128 && window.height == 128)
        var mismatches = 0
        for y in 0..<128 {
            for x in 0..<128 where window[x, y] != last[x / 4, y / 4] { mismatches += 1 }
        }
        #expect(mismatches <= 128, "\(mismatches) of 16384 window pixels differ from the frame")
    }

    @Test(.enabled(if: displayAvailable, "no X display (scripts/test starts Xvfb)"))
    func viewPlaysALiveExpertEpisode() throws {
        let out = try Folder.make()
        defer { try? FileManager.default.removeItem(at: out) }
        let shot = out.appendingPathComponent("shot.png")
        let (status, output) = try JEPALabProcess.run(
            ["view", "--task", "reach", "--object", "box", "--seed", "2", "--window", "128", "--rate", "100",
             "--exit-at-end", "--screenshot", shot.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("reach box (train, seed 2) · step 20/20 · success: yes"), "\(output)")
        let window = try PNG.read(from: shot)
        #expect(Set(window.pixels).count > 20, "the window shows a scene")
    }

    @Test(.enabled(if: xdotoolAvailable, "needs a display and xdotool"))
    func viewKeysPauseStepAndQuit() throws {
        let process = Process()
        process.executableURL = JEPALabProcess.executable
        process.arguments = ["view", "--task", "reach", "--object", "cup", "--seed", "11", "--window", "128", "--rate", "2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        /// Polls the window's title until `done` holds for it; nil after 20 s.
        func title(until done: (String) -> Bool) throws -> String? {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                let found = try Shell.run(["xdotool", "search", "--name", "reach cup \\(train, seed 11\\)"])
                if let window = found.output.split(separator: "\n").first {
                    let name = try Shell.run(["xdotool", "getwindowname", String(window)]).output
                    if done(name) { return name }
                }
                usleep(50_000)
            }
            return nil
        }
        func key(_ name: String) throws {
            let window = try Shell.run(["xdotool", "search", "--name", "reach cup \\(train, seed 11\\)"]).output
            _ = try Shell.run(["xdotool", "key", "--window", String(window.split(separator: "\n").first ?? ""), name])
        }
        func step(_ title: String) -> Int? {
            title.components(separatedBy: "step ").last.flatMap { Int($0.prefix { $0.isNumber }) }
        }
        #expect(try title { $0.contains("step") } != nil, "the window opened")
        try key("space")
        let paused = try title { $0.contains("paused") }
        #expect(paused != nil)
        usleep(1_200_000)  // more than two frames at 2 Hz
        let still = try title { _ in true }
        #expect(step(still ?? "") == step(paused ?? ""), "\(still ?? "") vs \(paused ?? "")")
        try key("Right")
        let next = (step(paused ?? "") ?? -2) + 1
        #expect(try title { step($0) == next } != nil, "the right arrow steps to \(next)")
        try key("q")
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        #expect(!process.isRunning && process.terminationStatus == 0)
    }
}
