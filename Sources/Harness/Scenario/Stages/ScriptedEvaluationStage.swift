import Foundation
import Sim

/// The `eval-scripted` stage: the task expert (privileged state; the simulator's sanity check, not a learned method)
/// runs every trial of one cell in one lab for the task's full step budget, recorded as `TrialRecords`.
///
/// Trial `i` uses the task drawn from `SeededRandom.derive(eval seed, i)`, as `jepalab eval` does, so every method
/// meets the same starts and goals. Resumes after the trials already recorded.
public struct ScriptedEvaluationStage: Stage {
    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .eval(let cell) = context.stage.target, case .scripted = cell.method.kind else {
            throw ScenarioError("the eval-scripted stage was given \(context.stage.name), which is not a scripted method")
        }
        try TrialRecords.truncateTornLine(in: context.directory)
        let done = Set(try TrialRecords.read(from: context.directory).map(\.trial))
        if !done.isEmpty { context.log("\(context.stage.name): \(done.count) trials already recorded") }
        let lab = try context.scenario.lab(named: cell.lab)
        var successes = 0, ran = 0
        for trial in 0..<cell.trials where !done.contains(trial) {
            let seed = SeededRandom.derive(cell.seed, UInt64(trial))
            let task = try ManipulationTask(kind: cell.cell.task, object: cell.cell.object, seed: seed)
            let world = World(task: task, lab: lab)
            var expert = ExpertPolicy(task: task)
            var choosing = 0.0
            for _ in 0..<task.steps {
                let started = Date()
                let step = expert.next(in: world)
                choosing += Date().timeIntervalSince(started)
                try world.apply(step.action)
            }
            let success = task.success(in: world)
            if success { successes += 1 }
            ran += 1
            try TrialRecords.append(
                TrialRecord(task: cell.cell.task, object: cell.cell.object, lab: cell.lab, trial: trial, seed: seed, success: success,
                            steps: task.steps, secondsPerAction: choosing / Double(task.steps)),
                to: context.directory)
        }
        if ran > 0 { context.log("\(context.stage.name): \(successes)/\(ran) successes") }
    }
}
