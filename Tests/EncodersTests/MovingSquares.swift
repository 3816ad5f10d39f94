import Data
import Encoders
import Foundation
import NN
import Render

/// Synthetic video with a real motion signal: a bright square on a noisy dark background moves right, left, down or
/// up by one pixel per frame (wrapping around); the direction is the label.
enum MovingSquares {
    static let directions = ["right", "left", "down", "up"]

    /// One `size`×`size` RGB frame (bytes) with the square's top-left corner at (`row`, `column`).
    /// With `noise` 0 the background is a plain ramp `20 + slope.0 · row + slope.1 · column` instead of noise.
    static func frame(size: Int, row: Int, column: Int, square: Int, colour: [UInt8], noise: UInt64 = 30,
                      slope: (Int, Int) = (0, 0), using g: inout SeededGenerator) -> [UInt8] {
        var pixels = [UInt8](repeating: 20, count: size * size * 3)
        for i in pixels.indices {
            let (r, c) = (i / 3 / size, i / 3 % size)
            pixels[i] = noise > 0 ? UInt8(20 + g.next() % noise) : UInt8(min(255, 20 + slope.0 * r + slope.1 * c))
        }
        for r in 0..<square {
            for c in 0..<square {
                let p = (((row + r) % size) * size + (column + c) % size) * 3
                for k in 0..<3 { pixels[p + k] = colour[k] }
            }
        }
        return pixels
    }

    static func step(_ direction: Int) -> (Int, Int) { [(0, 1), (0, -1), (1, 0), (-1, 0)][direction] }

    /// Clips `[batch, frames, size, size, 3]` in [0, 1] and their directions.
    static func clips(batch: Int, frames: Int, size: Int, noise: UInt64 = 30, seed: UInt64) -> (Tensor, [Int]) {
        var g = SeededGenerator(seed: seed)
        var scalars = [Float](), labels = [Int]()
        for _ in 0..<batch {
            let direction = Int(g.next() % 4)
            var (row, column) = (Int(g.next() % UInt64(size)), Int(g.next() % UInt64(size)))
            let colour = (0..<3).map { _ in UInt8(150 + g.next() % 100) }
            let slope = (Int(g.next() % 7), Int(g.next() % 7))
            for _ in 0..<frames {
                scalars += frame(size: size, row: row, column: column, square: size / 4, colour: colour, noise: noise, slope: slope, using: &g).map { Float($0) / 255 }
                let (dr, dc) = step(direction)
                (row, column) = ((row + dr + size) % size, (column + dc + size) % size)
            }
            labels.append(direction)
        }
        return (Tensor(shape: [batch, frames, size, size, 3], scalars: scalars), labels)
    }

    /// A dataset folder of `episodes` episodes of `steps` steps whose direction (primitive label) changes every 4 steps.
    /// `noise` sets the background (the "lab"); the folder is a fresh temporary one unless `folder` is given.
    static func dataset(episodes: Int, steps: Int, size: Int, seed: UInt64, noise: UInt64 = 30, lab: String = "train",
                        folder: URL? = nil) throws -> Dataset {
        let folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-enc-\(UUID().uuidString)")
        let config = try DatasetConfig(episodes: episodes, seed: seed, lab: lab, policy: "squares", frames: steps, size: size)
        _ = try DatasetGenerator(plan: DatasetPlan(config: config), directory: folder).run(progress: ProgressMeter(label: "", mode: .quiet)) { index, seed in
            var g = SeededGenerator(seed: seed)
            var recorder = EpisodeRecorder(width: size, height: size, objectCount: 1)
            var (row, column) = (Int(g.next() % UInt64(size)), Int(g.next() % UInt64(size)))
            var direction = Int(g.next() % 4)
            let colour = (0..<3).map { _ in UInt8(150 + g.next() % 100) }
            for t in 0..<steps {
                if t > 0 && t % 4 == 0 { direction = Int(g.next() % 4) }
                let pixels = frame(size: size, row: row, column: column, square: size / 4, colour: colour, noise: noise, using: &g)
                try recorder.record(frame: RGBImage(width: size, height: size, pixels: pixels),
                                    state: [Double(row), Double(column), 0, 0, 0, 0, 0], joints: [Double](repeating: 0, count: 9),
                                    objects: [Pose(position: [0, 0, 0])], primitive: direction, contact: [[]], gripperCommand: 0)
                let (dr, dc) = step(direction)
                (row, column) = ((row + dr + size) % size, (column + dc + size) % size)
            }
            let meta = EpisodeMeta(lab: lab, policy: "squares", episodeIndex: index, seed: seed, width: size, height: size,
                                   camera: Lab.Camera(position: [1, 0, 1], target: [0, 0, 0], fieldOfView: 45),
                                   objects: ["square"], primitives: directions)
            return try recorder.finish(meta: meta)
        }
        return try Dataset(directory: folder)
    }
}

/// In-memory moving-square clips by step (on a ramp background of random slope), for training tests.
struct SquareClips: ClipSource {
    var batch = 4, frames = 4, size = 16, seed: UInt64 = 1
    func clips(at step: Int) throws -> Tensor {
        MovingSquares.clips(batch: batch, frames: frames, size: size, noise: 0, seed: StepSeed.mix(seed, step)).0
    }
}

extension PretrainConfig {
    /// A tiny run on 16×16 clips of 4 frames.
    static func toy(objective: Objective = .representation, steps: Int = 200) -> PretrainConfig {
        var c = PretrainConfig()
        c.vit.imageSize = 16
        c.vit.patch = 4
        (c.vit.width, c.vit.depth, c.vit.heads) = (24, 2, 2)
        (c.vit.predictorWidth, c.vit.predictorDepth, c.vit.predictorHeads) = (12, 1, 2)
        c.objective = objective
        c.steps = steps
        c.batchSize = 4
        c.clipFrames = 4
        c.learningRate = 2e-3
        return c
    }
}
