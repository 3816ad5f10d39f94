import Data
import Foundation
import Testing

/// The simulator meets the contracts the data files promise: contacts per step, the state at the grasp point,
/// metadata matching the plan, determinism.
@Suite struct EpisodeSimulatorTests {
    @Test func expertEpisodesCycleTaskKindsThenObjects() {
        let cells = (0..<8).map { EpisodeSimulator.expertTask(episode: $0, seed: 5) }
        #expect(cells.map(\.kind.rawValue) == ["reach", "grasp", "reach-with-object", "pick-and-place",
                                               "reach", "grasp", "reach-with-object", "pick-and-place"])
        #expect(cells.map(\.object.rawValue) == ["cup", "cup", "cup", "cup", "box", "box", "box", "box"])
        #expect(EpisodeSimulator.expertTask(episode: 9, seed: 5) == ManipulationTask(kind: .grasp, object: .cup, seed: 5))
    }

    @Test func contactsFollowTheGraspAndTheStateIsTheGraspPoint() throws {
        let task = ManipulationTask(kind: .grasp, object: .box, seed: 3)
        let world = World(task: task)
        var expert = ExpertPolicy(task: task)
        #expect(world.contacts.allSatisfy { !$0.touched && !$0.pinched })  // the hand starts in the air
        var pinchedSteps = 0
        for _ in 0..<task.steps {
            try world.apply(expert.next(in: world).action)
            let box = world.contacts[SceneObject.box.index], cup = world.contacts[SceneObject.cup.index]
            #expect(!cup.touched && !cup.pinched)
            guard box.pinched else { continue }
            #expect(box.touched)
            pinchedSteps += 1
            // The box sits between both finger pads, and the state's point (the TCP) is on the box: the grasp point.
            let fingers = world.visualBodies.filter { $0.part == .finger }.map(\.pose.position)
            let middle = (fingers[0] + fingers[1]) / 2
            let state = world.state.position
            let centre = world.observables.objects[SceneObject.box.index].position
            func horizontal(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
                ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
            }
            #expect(horizontal(middle, centre) < 0.01, "pad midpoint \(middle), box \(centre)")
            #expect(horizontal(state, centre) < 0.02, "state \(state), box \(centre)")
            #expect(abs(state.z - centre.z) < SceneObject.box.height / 2, "state \(state), box \(centre)")
        }
        #expect(pinchedSteps >= 5)
        #expect(task.success(in: world))
    }

    @Test func episodesMatchThePlanAndRepeatBitForBit() throws {
        for policy in ["play", "expert"] {
            let config = try DatasetConfig(episodes: 4, seed: 9, lab: "lab-a", policy: policy, frames: 6, size: 16)
            let simulator = try EpisodeSimulator(config: config)
            let plan = DatasetPlan(config: config)
            let episode = try simulator.episode(index: 3, seed: plan.seed(ofEpisode: 3))
            #expect(episode.meta.episodeIndex == 3 && episode.meta.lab == "lab-a" && episode.meta.policy == policy)
            #expect(episode.meta.frameRate == 4 && episode.meta.objects == ["cup", "box"])
            #expect(episode.meta.primitives == Primitive.allCases.map(\.name))
            #expect(episode.steps == 6 && episode.meta.width == 16)
            #expect(episode.meta.camera == (try Lab.named("lab-a")).camera)
            if policy == "expert" { #expect(episode.meta.extra["task"] == "pick-and-place") }
            let again = try EpisodeSimulator(config: config).episode(index: 3, seed: plan.seed(ofEpisode: 3))
            #expect(try again.encoded() == episode.encoded())
        }
        let bad = #expect(throws: DataError.self) {
            try EpisodeSimulator(config: try DatasetConfig(episodes: 1, seed: 0, lab: "train", policy: "dance", frames: 2, size: 8))
        }
        #expect(bad?.description.contains("policies: play, expert") == true)
        let badLab = #expect(throws: DataError.self) {
            try EpisodeSimulator(config: try DatasetConfig(episodes: 1, seed: 0, lab: "moon", policy: "play", frames: 2, size: 8))
        }
        #expect(badLab?.description.contains("moon") == true)
    }

    @Test func variedEpisodesActAsFixedOnesInAnotherLook() throws {
        func episode(_ appearance: DatasetConfig.Appearance, index: Int) throws -> Episode {
            let config = try DatasetConfig(episodes: 2, seed: 3, lab: "train", policy: "play", frames: 5, size: 16,
                                           appearance: appearance)
            return try EpisodeSimulator(config: config).episode(index: index, seed: DatasetPlan(config: config).seed(ofEpisode: index))
        }
        let fixed = try episode(.fixed, index: 1), varied = try episode(.varied, index: 1), other = try episode(.varied, index: 0)
        #expect(varied.state == fixed.state && varied.action == fixed.action)
        #expect(varied.frames != fixed.frames)
        #expect(varied.meta.extra["appearance"] == "varied" && fixed.meta.extra["appearance"] == nil)
        #expect(varied.meta.camera != other.meta.camera && varied.meta.camera != Lab.train.camera)
        // A fixed-appearance dataset refuses a varied episode file in its folder, and the reason names the appearance.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varied-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Foundation.Data(try varied.encoded()).write(to: folder.appendingPathComponent(Episode.fileName(index: 1)))
        let config = try DatasetConfig(episodes: 2, seed: 3, lab: "train", policy: "play", frames: 5, size: 16)
        let simulator = try EpisodeSimulator(config: config)
        let refusal = #expect(throws: DataError.self) {
            try DatasetGenerator(plan: DatasetPlan(config: config), directory: folder)
                .run(progress: ProgressMeter(label: "episodes", mode: .quiet)) { try simulator.episode(index: $0, seed: $1) }
        }
        #expect(refusal?.description.contains("appearance 'varied' (expected 'fixed')") == true)
    }

    @Test func manifestsWithoutAnAppearanceAreFixed() throws {
        let json = #"{"episodes": 2, "seed": 1, "lab": "train", "policy": "play", "frames": 4, "size": 8}"#
        let config = try JSONDecoder().decode(DatasetConfig.self, from: Foundation.Data(json.utf8))
        #expect(config.appearance == .fixed && config.episodes == 2)
        #expect(try JSONDecoder().decode(DatasetConfig.self, from: JSONEncoder().encode(config)) == config)
    }

    @Test func playEpisodesInteractRichly() throws {
        // A small sample; the 1,000-episode figure is in BENCHMARKS.md.
        let config = try DatasetConfig(episodes: 12, seed: 0, lab: "train", policy: "play", frames: 32, size: 8)
        let simulator = try EpisodeSimulator(config: config)
        let plan = DatasetPlan(config: config)
        let statistics = DatasetStatistics(try plan.indices.map {
            Interactions(try simulator.episode(index: $0, seed: plan.seed(ofEpisode: $0)))
        })
        #expect(3 * statistics.graspAttempted >= statistics.episodes, "\(statistics.summary)")
        #expect(6 * statistics.lifted >= statistics.episodes, "\(statistics.summary)")
        #expect(statistics.carried > 0, "\(statistics.summary)")
    }
}
