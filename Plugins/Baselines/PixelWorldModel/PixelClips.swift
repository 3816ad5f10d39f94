import Data
import Foundation
import Harness
import Tensor

/// A dataset's frames, states and actions held in memory (frames as bytes), and random clips drawn from them:
/// the clips of training step `s` depend only on the seed and `s`, so a resumed run sees the same batches.
public struct PixelClips: Sendable {
    struct Episode: Sendable {
        let frames: [UInt8]
        let states: [Float]
        let actions: [Float]
        let steps: Int
    }

    let episodes: [Episode]
    public let imageSize: Int

    public var count: Int { episodes.count }

    /// Reads every episode of `dataset`; all must have square frames of one size and at least `minimumSteps` steps.
    public init(dataset: Dataset, minimumSteps: Int, progress: ProgressMeter? = nil) throws {
        var episodes: [Episode] = []
        var size: Int?
        var reader = dataset.episodes()
        progress?.start(total: dataset.entries.count)
        while let e = try reader.next() {
            let file = dataset.url(of: dataset.entries[episodes.count]).path
            guard e.meta.width == e.meta.height, size == nil || size == e.meta.width else {
                throw DataError.invalid("\(file): \(e.meta.width)×\(e.meta.height) frames; every frame must be square and of one size")
            }
            guard e.steps >= minimumSteps else {
                throw DataError.invalid("\(file) has \(e.steps) steps, fewer than the clip length \(minimumSteps)")
            }
            size = e.meta.width
            episodes.append(Episode(frames: e.frames, states: e.state, actions: e.action, steps: e.steps))
            progress?.advance()
        }
        guard let size, !episodes.isEmpty else { throw DataError.invalid("\(dataset.directory.path) holds no episodes") }
        self.episodes = episodes
        imageSize = size
    }

    /// Clips of `length` steps for training step `step`: frames `[B·length, H, W, 3]` in [0, 1] (clip-major), states
    /// and actions `[B, length, 7]`. Each clip is a uniformly drawn episode and start.
    public func batch(step: Int, size: Int, length: Int, seed: UInt64) -> (frames: Tensor, states: Tensor, actions: Tensor) {
        var generator = SeededGenerator(seed: seed ^ (UInt64(step) &+ 1) &* 0x9E37_79B9_7F4A_7C15)
        let pixels = imageSize * imageSize * 3
        var frames: [Float] = [], states: [Float] = [], actions: [Float] = []
        frames.reserveCapacity(size * length * pixels)
        for _ in 0..<size {
            let episode = episodes[Int(generator.next() % UInt64(episodes.count))]
            let start = Int(generator.next() % UInt64(episode.steps - length + 1))
            frames += episode.frames[(start * pixels)..<((start + length) * pixels)].lazy.map { Float($0) / 255 }
            states += episode.states[(start * 7)..<((start + length) * 7)]
            actions += episode.actions[(start * 7)..<((start + length) * 7)]
        }
        return (Tensor(shape: [size * length, imageSize, imageSize, 3], scalars: frames),
                Tensor(shape: [size, length, 7], scalars: states), Tensor(shape: [size, length, 7], scalars: actions))
    }
}
