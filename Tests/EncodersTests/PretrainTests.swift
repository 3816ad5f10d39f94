import Encoders
import Foundation
import Harness
import NN
import Testing

@Suite struct PretrainTests {
    @Test func emaMovesAsScheduled() throws {
        var config = PretrainConfig.toy(steps: 10)
        (config.emaStart, config.emaEnd) = (0.9, 1.0)
        var task = try MaskDenoising(config: config, source: SquareClips())
        #expect(task.ema.momentum(at: 0) == 0.9 && abs(task.ema.momentum(at: 5) - 0.95) < 1e-6 && task.ema.momentum(at: 10) == 1)
        for step in 0..<3 {
            let before = task.target!.parameters
            let metrics = try task.step(step)
            let m = Float(0.9 + 0.01 * Double(step))
            #expect(abs(metrics["momentum"]! - Double(m)) < 1e-6)
            let student = task.model.encoder.parameters
            for (name, after) in task.target!.parameters {
                let expected = before[name]!.scalars.indices.map { m * before[name]!.scalars[$0] + (1 - m) * student[name]!.scalars[$0] }
                let error = zip(after.scalars, expected).map { abs($0 - $1) }.max() ?? 0
                #expect(error < 1e-6, "\(name) moved by other than the EMA at step \(step)")
            }
        }
    }

    @Test func targetGetsNoGradient() throws {
        let task = try MaskDenoising(config: .toy(), source: SquareClips())
        let clips = try SquareClips().clips(at: 0)
        let masks = task.masks(step: 0, batch: 4, grid: TokenGrid(frames: 2, height: 4, width: 4))
        let target = task.target!
        let names = target.namedParameters
        let (value, gradients) = Tensor.valueWithGradient(at: names.map(\.tensor)) { tracked in
            var t = target
            var i = 0
            t.visitParameters(prefix: "") { _, p in p = tracked[i]; i += 1 }
            return task.model.loss(clips, targets: Tensor.layerNorm(t(clips)), masks: masks)
        }
        #expect(value.scalar > 0)
        #expect(gradients.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } })
        // The student does get a gradient from the same loss.
        let (_, studentGradients) = task.model.valueWithGradient { $0.loss(clips, targets: task.targets(clips), masks: masks) }
        #expect(studentGradients.values.contains { $0.scalars.contains { $0 != 0 } })
    }

    @Test(arguments: PretrainConfig.Objective.allCases)
    func aFewHundredStepsLowerTheLoss(objective: PretrainConfig.Objective) throws {
        var task = try MaskDenoising(config: .toy(objective: objective, steps: 240), source: SquareClips())
        var losses: [Double] = [], stds: [Double] = []
        for step in 0..<240 {
            let m = try task.step(step)
            losses.append(m.loss)
            stds.append(m["target_std"]!)
        }
        let first = losses.prefix(20).reduce(0, +) / 20, last = losses.suffix(20).reduce(0, +) / 20
        #expect(last < 0.8 * first, "\(objective): loss \(first) → \(last)")
        #expect(stds.last! > PretrainConfig.toy().collapseThreshold * stds.first!, "target features collapsed: std \(stds.first!) → \(stds.last!)")
    }

    @Test func progressiveResolutionTrainsOnHalfClipsBeforeTheDecay() throws {
        var config = PretrainConfig.toy(steps: 4)
        config.vit.imageSize = 16
        config.progressive = true
        config.decayFraction = 0.5
        var task = try MaskDenoising(config: config, source: SquareClips())
        for step in 0..<4 { #expect(try task.step(step).loss.isFinite) }
        let halved = VideoOps.halved(try SquareClips().clips(at: 0))
        #expect(halved.shape == [4, 2, 8, 8, 3])
    }

    @Test func resumeAfterInterruptionContinuesIdentically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-resume-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = PretrainConfig.toy(steps: 6)
        var straight = try MaskDenoising(config: config, source: SquareClips())
        try TrainingLoop(steps: 6, checkpoints: CheckpointFolder(directory: folder.appendingPathComponent("a")),
                         curve: folder.appendingPathComponent("a-loss"), checkpointInterval: 0, progress: TrainingProgress(quiet: true)).run(&straight)

        // Killed during step 4: states up to step 4 were saved.
        var interrupted = Interrupting(inner: try MaskDenoising(config: config, source: SquareClips()), failAt: 4)
        let loop = TrainingLoop(steps: 6, checkpoints: CheckpointFolder(directory: folder.appendingPathComponent("b")),
                                curve: folder.appendingPathComponent("b-loss"), checkpointInterval: 0, progress: TrainingProgress(quiet: true))
        #expect(throws: TrainingError.self) { try loop.run(&interrupted) }
        var resumed = try MaskDenoising(config: config, source: SquareClips())
        let summary = try loop.run(&resumed)
        #expect(summary.resumedFrom == 4 && summary.stepsRun == 2)
        #expect(resumed.model.parameters.mapValues(\.scalars) == straight.model.parameters.mapValues(\.scalars))
        #expect(resumed.target!.parameters.mapValues(\.scalars) == straight.target!.parameters.mapValues(\.scalars))
        let a = try String(contentsOf: folder.appendingPathComponent("a-loss.csv"), encoding: .utf8)
        let b = try String(contentsOf: folder.appendingPathComponent("b-loss.csv"), encoding: .utf8)
        #expect(a == b && a.split(separator: "\n").count == 7)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("b-loss.svg").path))
    }

    @Test func nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-nan-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var task = Exploding(explodeAt: 3)
        let checkpoints = CheckpointFolder(directory: folder)
        let loop = TrainingLoop(steps: 10, checkpoints: checkpoints, curve: folder.appendingPathComponent("loss"),
                                checkpointInterval: 0, progress: TrainingProgress(quiet: true))
        do {
            try loop.run(&task)
            Issue.record("a NaN loss must stop training")
        } catch let TrainingError.nonFinite(step, name, value, lastGood) {
            #expect(step == 3 && name == "loss" && value.isNaN)
            #expect(lastGood?.lastPathComponent == "step-0000003")
        }
        let latest = try checkpoints.latest()
        #expect(latest?.step == 3)
        #expect(try String(contentsOf: latest!.folder.appendingPathComponent("value"), encoding: .utf8) == "3")
    }
}

/// Forwards to a task but fails at one step, as a killed run would stop there.
struct Interrupting<Inner: TrainingTask>: TrainingTask {
    var inner: Inner
    let failAt: Int
    mutating func step(_ step: Int) throws -> StepMetrics {
        if step == failAt { throw TrainingError.invalid("killed at step \(step)") }
        return try inner.step(step)
    }
    func save(to folder: URL) throws { try inner.save(to: folder) }
    mutating func load(from folder: URL) throws { try inner.load(from: folder) }
}

/// Counts steps and returns a NaN loss at one of them.
struct Exploding: TrainingTask {
    let explodeAt: Int
    var done = 0
    mutating func step(_ step: Int) throws -> StepMetrics {
        done = step + 1
        return StepMetrics(loss: step == explodeAt ? .nan : 1 / Double(step + 1))
    }
    func save(to folder: URL) throws { try Data(String(done).utf8).write(to: folder.appendingPathComponent("value")) }
    mutating func load(from folder: URL) throws { done = Int(try String(contentsOf: folder.appendingPathComponent("value"), encoding: .utf8))! }
}
