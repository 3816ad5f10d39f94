import Data
import Foundation
import Render

/// Deterministic synthetic episodes standing in for the simulator and renderer: a random walk of the hand, two
/// objects of which the first is grasped, lifted and carried in every third episode.
enum Synthetic {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let camera = Lab.Camera(position: [1.2, 0, 0.8], target: [0.5, 0, 0], fieldOfView: 45)

    static func config(episodes: Int = 10, seed: UInt64 = 42, frames: Int = 6, size: Int = 8) throws -> DatasetConfig {
        try DatasetConfig(episodes: episodes, seed: seed, lab: "train", policy: "play", frames: frames, size: size)
    }

    static func episode(_ config: DatasetConfig, index: Int, seed: UInt64) throws -> Episode {
        var rng = Generator(state: seed)
        var recorder = EpisodeRecorder(width: config.size, height: config.size, objectCount: 2)
        let carries = index % 3 == 0
        var hand: [Double] = [0.5, 0, carries ? 0.07 : 0.2, .pi, 0, 3.1, 0]
        for t in 0..<config.frames {
            var frame = RGBImage(width: config.size, height: config.size)
            for i in frame.pixels.indices { frame.pixels[i] = UInt8.random(in: 0...255, using: &rng) }
            let held = carries && t >= 2
            let cup = Pose(
                position: held ? [0.5 + 0.06 * Double(t), 0, 0.04 + 0.03 * Double(t)] : [0.5, 0, 0.04],
                rotation: Rotation(roll: 0, pitch: 0, yaw: 0.1 * Double(t)))
            let box = Pose(position: [0.4, 0.2, 0.03])
            let joints = (0..<9).map { _ in Double.random(in: -1...1, using: &rng) }
            let contact: [ContactFlags] = [held ? [.touch, .pinch] : (t == 1 && index % 2 == 0 ? .touch : []), []]
            try recorder.record(
                frame: frame, state: hand, joints: joints, objects: [cup, box], primitive: t % 3, contact: contact,
                gripperCommand: carries && t >= 1 ? 1 : 0)
            for c in 0..<3 { hand[c] += Double.random(in: -0.02...0.02, using: &rng) }
            hand[5] += 0.1  // crosses +π: the recorded yaw delta must wrap
            if hand[5] > .pi { hand[5] -= 2 * .pi }
            hand[6] = carries && t >= 1 ? 1 : 0
        }
        let meta = EpisodeMeta(
            lab: config.lab, policy: config.policy, episodeIndex: index, seed: seed, width: config.size,
            height: config.size, camera: camera, objects: ["cup", "box"], primitives: ["move", "descend", "lift"])
        return try recorder.finish(meta: meta)
    }

    /// A fresh, empty temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Flips every bit of the byte at `offset` of the file at `url`.
    static func flipByte(at offset: Int, of url: URL) throws {
        var bytes = [UInt8](try Foundation.Data(contentsOf: url))
        bytes[offset] ^= 0xFF
        try Foundation.Data(bytes).write(to: url)
    }
}
