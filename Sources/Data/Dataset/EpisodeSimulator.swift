import Foundation
import Render
import Sim

/// Makes a dataset's episodes by simulation: a world in the dataset's lab (or, with `varied` appearance, a variation
/// of it drawn from the episode seed), a scripted policy acting in it, and the renderer drawing each step's frame,
/// recorded into an `EpisodeRecorder`.
///
/// - `play`: a free-play scene (`Arrangement.random`) and `PlayPolicy`, seeded from the episode seed.
/// - `expert`: a `ManipulationTask` solved by `ExpertPolicy`; episode `i` cycles the task kinds fastest, then the
///   objects (`expertTask(episode:seed:)`), so any 8 consecutive episodes cover every kind × object cell once.
///
/// Episode `i` is a function of the configuration, `i` and its seed alone. Not thread-safe (one renderer): give each
/// thread its own simulator.
public final class EpisodeSimulator {
    /// The scripted policies a dataset can be recorded with.
    public enum Policy: String, CaseIterable, Sendable {
        case play
        case expert
    }

    public let config: DatasetConfig
    public let lab: Lab
    public let policy: Policy
    private let renderer: Renderer

    /// A simulator for `config`; an unknown lab or policy is an error listing the valid ones.
    public init(config: DatasetConfig) throws {
        guard let policy = Policy(rawValue: config.policy) else {
            throw DataError.invalid(
                "unknown policy '\(config.policy)'; policies: \(Policy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            lab = try Lab.named(config.lab)
        } catch let error as SimError {
            throw DataError.invalid(error.description)
        }
        self.config = config
        self.policy = policy
        renderer = Renderer()
    }

    /// The task of expert episode `index` with episode seed `seed`: kind `index % 4`, object `(index / 4) % 2`
    /// (in `ManipulationTask.Kind.allCases` and `SceneObject.allCases` order), start and goal drawn from `seed`.
    public static func expertTask(episode index: Int, seed: UInt64) -> ManipulationTask {
        let kinds = ManipulationTask.Kind.allCases, objects = SceneObject.allCases
        return ManipulationTask(kind: kinds[index % kinds.count], object: objects[index / kinds.count % objects.count],
                                seed: seed)
    }

    /// Episode `index` of the dataset, generated from `seed` (`DatasetPlan.seed(ofEpisode:)`).
    public func episode(index: Int, seed: UInt64) throws -> Episode {
        var extra = EpisodeSimulator.settingsFacts(World.Settings())
        let episodeLab: Lab
        switch config.appearance {
        case .fixed: episodeLab = lab
        case .varied:
            episodeLab = lab.varied(seed: SeededRandom.derive(seed, 2))
            extra["appearance"] = DatasetConfig.Appearance.varied.rawValue
        }
        let world: World
        switch policy {
        case .play:
            world = World(lab: episodeLab, seed: SeededRandom.derive(seed, 0))
            var play = PlayPolicy(seed: SeededRandom.derive(seed, 1))
            let recorder = try record(world: world, policy: &play, steps: config.frames)
            return try recorder.finish(meta: meta(index: index, seed: seed, world: world, extra: extra))
        case .expert:
            let task = EpisodeSimulator.expertTask(episode: index, seed: seed)
            world = World(task: task, lab: episodeLab)
            var expert = ExpertPolicy(task: task)
            let recorder = try record(world: world, policy: &expert, steps: config.frames)
            extra["task"] = task.kind.rawValue
            extra["task_object"] = task.object.rawValue
            extra["task_seed"] = String(task.seed)
            extra["task_success"] = task.success(in: world) ? "true" : "false"
            return try recorder.finish(meta: meta(index: index, seed: seed, world: world, extra: extra))
        }
    }

    /// Records `steps` steps of `policy` acting in `world` at the dataset's frame size: at step `t` the frame, state,
    /// joints, object poses and the contacts since step `t − 1` (for `t = 0`, the settling of the start), then the
    /// policy's action for `t`, which is applied (except after the last step, whose action row is zeros anyway).
    public func record<P: ScriptedPolicy>(world: World, policy: inout P, steps: Int) throws -> EpisodeRecorder {
        try EpisodeSimulator.record(world: world, policy: &policy, steps: steps, renderer: renderer,
                                    width: config.size, height: config.size)
    }

    /// Records `steps` steps of `policy` in `world` with `renderer` at `width × height` (see the instance method).
    public static func record<P: ScriptedPolicy>(
        world: World, policy: inout P, steps: Int, renderer: Renderer, width: Int, height: Int
    ) throws -> EpisodeRecorder {
        var recorder = EpisodeRecorder(width: width, height: height, objectCount: SceneObject.allCases.count)
        for t in 0..<steps {
            let frame = renderer.render(world.visualBodies, lab: world.lab, width: width, height: height)
            let observables = world.observables
            let step = policy.next(in: world)
            let contact = world.contacts.map { c -> ContactFlags in
                var flags = ContactFlags()
                if c.touched { flags.insert(.touch) }
                if c.pinched { flags.insert(.pinch) }
                return flags
            }
            try recorder.record(
                frame: frame, state: world.state.vector, joints: observables.joints, objects: observables.objects,
                primitive: step.primitive.rawValue, contact: contact, gripperCommand: step.action.gripper)
            if t + 1 < steps { try world.apply(step.action) }
        }
        return recorder
    }

    private func meta(index: Int, seed: UInt64, world: World, extra: [String: String]) -> EpisodeMeta {
        let settings = world.settings
        return EpisodeMeta(
            lab: config.lab, policy: config.policy, episodeIndex: index, seed: seed,
            frameRate: 1 / (settings.timeStep * Double(settings.stepsPerAction)), width: config.size,
            height: config.size, camera: world.lab.camera, objects: SceneObject.allCases.map(\.rawValue),
            primitives: Primitive.allCases.map(\.name), extra: extra)
    }

    /// The physical settings a researcher needs to interpret the arrays.
    private static func settingsFacts(_ settings: World.Settings) -> [String: String] {
        [
            "physics_step_seconds": String(settings.timeStep),
            "physics_steps_per_action": String(settings.stepsPerAction),
            "max_translation_per_action": String(settings.limits.translation),
            "max_rotation_per_action": String(settings.limits.rotation),
        ]
    }
}
