import Baselines
import Data
import Foundation
import Harness
import Render
import Sim
import Tensor

/// Raw pixel patches as tokens (tubelet of one frame), laid out as `encoder/pixels` lays them out.
struct PatchPixels: Encoder {
    let imageSize: Int
    let patch: Int
    var tokensPerFrame: Int { (imageSize / patch) * (imageSize / patch) }
    var latentWidth: Int { patch * patch * 3 }

    func encodeFrames(_ frames: Tensor) -> Tensor {
        let (n, g) = (frames.shape[0], imageSize / patch)
        return frames.reshaped([n, g, patch, g, patch, 3]).permuted([0, 1, 3, 2, 4, 5]).reshaped([n, g * g, latentWidth])
    }

    func encodeClips(_ clips: Tensor) -> Tensor {
        let s = clips.shape
        return encodeFrames(clips.reshaped([s[0] * s[1], s[2], s[3], 3])).reshaped([s[0], s[1] * tokensPerFrame, latentWidth])
    }
}

/// A 16 × 16 world where a bright square moves 2 pixels along x for every 7.5 cm of the action's x.
enum SlidingSquare {
    static let size = 16

    /// The frame with a soft bright blob centred 2 pixels right of column `x` (0…12).
    static func frame(x: Int) -> RGBImage {
        var image = RGBImage(width: size, height: size)
        for row in 0..<size {
            for column in 0..<size {
                let d = (Float(column) - Float(x) - 1.5) * (Float(column) - Float(x) - 1.5) + (Float(row) - 7.5) * (Float(row) - 7.5)
                let v = Foundation.exp(-d / 8)
                image.pixels[(row * size + column) * 3] = UInt8(250 * v)
                image.pixels[(row * size + column) * 3 + 1] = UInt8(120 * v)
            }
        }
        return image
    }

    /// Pixels in [0, 1], `[H, W, 3]` flattened.
    static func pixels(x: Int) -> [Float] { frame(x: x).pixels.map { Float($0) / 255 } }

    /// Episodes of random moves −1, 0 or +1 step (2 pixels, 0.075 m) written as a dataset in `folder`.
    static func dataset(in folder: URL, episodes: Int, frames: Int) throws -> Dataset {
        let config = try DatasetConfig(episodes: episodes, seed: 1, lab: "train", policy: "play", frames: frames, size: size)
        _ = try DatasetGenerator(plan: DatasetPlan(config: config), directory: folder).run(
            progress: ProgressMeter(label: "", mode: .quiet)) { index, seed in
            var generator = SeededGenerator(seed: seed)
            var recorder = EpisodeRecorder(width: size, height: size, objectCount: 1)
            var x = Int(generator.next() % 7) * 2
            for _ in 0..<frames {
                let move = Int(generator.next() % 3) - 1
                let next = min(max(x + 2 * move, 0), 12)
                try recorder.record(frame: frame(x: x), state: [Double(x) * 0.0375, 0, 0.2, 0, 0, 0, 0],
                                    joints: [Double](repeating: 0, count: 9), objects: [Pose(position: [0.5, 0, 0.04])],
                                    primitive: 0, contact: [[]], gripperCommand: 0)
                x = next
            }
            let meta = EpisodeMeta(lab: config.lab, policy: config.policy, episodeIndex: index, seed: seed, width: size,
                                   height: size, camera: Lab.Camera(position: [1.2, 0, 0.8], target: [0.5, 0, 0], fieldOfView: 45),
                                   objects: ["cup"], primitives: ["move"])
            return try recorder.finish(meta: meta)
        }
        return try Dataset(directory: folder)
    }

    static func temporary(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pixels-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
