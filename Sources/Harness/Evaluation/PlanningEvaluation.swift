import Foundation
import Sim

/// Runs planning episodes for task cells and writes one record per episode, resumably and shardably.
///
/// Trial `i` of a cell uses the task drawn from `derive(seed, i)`; a draw whose start already satisfies the success
/// test is redrawn (`derive(that seed, attempt)`), so no episode starts solved. Shard `j/n` runs the trials with
/// `i % n == j`; an episode whose record exists is skipped, so interrupted or sharded runs fill one folder.
public struct PlanningEvaluation {
    public var kinds: [ManipulationTask.Kind]
    public var objects: [SceneObject]
    public var lab: Lab
    public var trials: Int
    public var seed: UInt64
    public var shard: (index: Int, count: Int) = (0, 1)
    /// Actions planned ahead at every step.
    public var horizon = 1
    /// The box planned steps keep the hand inside (nil: only the step bounds).
    public var workspace: Workspace? = .tableTop
    /// The step bound that adapts to the observed energy (nil: the paper's fixed ±7.5 cm).
    public var stepControl: StepTrustRegion? = .withinPaperBound
    /// How the gripper command is set (`MPCEpisode.gripper`).
    public var gripper = GripperControl.searched
    /// How the agent's components are named in the records.
    public var names: (encoder: String, predictor: String, planner: String)

    public init(kinds: [ManipulationTask.Kind], objects: [SceneObject], lab: Lab, trials: Int, seed: UInt64,
                names: (encoder: String, predictor: String, planner: String)) {
        (self.kinds, self.objects, self.lab, self.trials, self.seed, self.names) = (kinds, objects, lab, trials, seed, names)
    }

    /// The task of `trial`, redrawn while its start is already a success.
    public func task(kind: ManipulationTask.Kind, object: SceneObject, trial: Int) -> ManipulationTask {
        var taskSeed = SeededRandom.derive(seed, UInt64(trial))
        var attempt: UInt64 = 0
        while true {
            let task = ManipulationTask(kind: kind, object: object, seed: taskSeed)
            if !task.success(in: World(task: task, lab: lab)) { return task }
            attempt += 1
            taskSeed = SeededRandom.derive(taskSeed, attempt)
        }
    }

    /// Runs every episode of this shard not yet recorded in `directory`; `makePlanner` gives a fresh planner per
    /// episode (seeded by the trial), `predictor` the predictor for an episode's world. `done` is called after each.
    public func run(in directory: URL, eye: Eye, predictor: @escaping (World) -> any Predictor,
                    makePlanner: (Int) throws -> any Planner, done: (EpisodeRecord) -> Void = { _ in }) throws {
        try run(in: directory, done: done) { task, trial, frames in
            var planner = try makePlanner(trial)
            var episode = MPCEpisode(task: task, lab: lab, eye: eye)
            episode.horizon = horizon
            episode.workspace = workspace
            episode.stepControl = stepControl
            episode.gripper = gripper
            return try episode.run(predictor: predictor, planner: &planner, frames: frames)
        }
    }

    /// Runs every episode of this shard not yet recorded in `directory` with `episode(task, trial, frames folder)`
    /// (a planning or a policy episode) and writes its record; `done` is called after each.
    public func run(in directory: URL, done: (EpisodeRecord) -> Void = { _ in },
                    episode: (ManipulationTask, Int, URL) throws -> MPCEpisode.Outcome) throws {
        let records = directory.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        for kind in kinds {
            for object in objects {
                for trial in 0..<trials where trial % shard.count == shard.index {
                    let name = EpisodeRecord.fileName(task: kind.rawValue, object: object.rawValue, trial: trial)
                    let url = records.appendingPathComponent(name)
                    if FileManager.default.fileExists(atPath: url.path) { continue }
                    let task = self.task(kind: kind, object: object, trial: trial)
                    let framesFolder = "episodes/" + name.replacingOccurrences(of: ".json", with: "")
                    let outcome = try episode(task, trial, directory.appendingPathComponent(framesFolder))
                    let record = EpisodeRecord(
                        task: kind.rawValue, object: object.rawValue, lab: lab.name, trial: trial, taskSeed: task.seed,
                        encoder: names.encoder, predictor: names.predictor, planner: names.planner, success: outcome.success,
                        steps: task.steps, secondsPerAction: outcome.secondsPerAction, finalDistance: outcome.finalDistance,
                        finalHandDistance: outcome.finalHandDistance, energies: outcome.energies,
                        observedEnergies: outcome.observedEnergies.isEmpty ? nil : outcome.observedEnergies,
                        predictionErrors: outcome.predictionErrors.isEmpty ? nil : outcome.predictionErrors,
                        copyErrors: outcome.copyErrors.isEmpty ? nil : outcome.copyErrors,
                        actions: outcome.actions, states: outcome.states, frames: framesFolder)
                    try record.write(to: url)
                    done(record)
                }
            }
        }
    }
}
