import Baselines
import Data
import Sim
import Tensor

/// Small hand-made play episodes: frame `t` of episode `e` is filled with the byte `40 e + 4 t` (so the corner pixel
/// names its episode and step) and shows a white 4-pixel square placed by `t` and `e`; actions are seeded random
/// deltas and the state is their running sum.
enum OctoSynthetic {
    static func value(episode: Int, step: Int) -> UInt8 { UInt8(40 * episode + 4 * step) }

    static func episodes(count: Int = 4, steps: Int = 8, size: Int = 16, seed: UInt64 = 1) throws -> [Episode] {
        var generator = SeededGenerator(seed: seed)
        return try (0..<count).map { e in
            let meta = EpisodeMeta(lab: "train", policy: "synthetic", episodeIndex: e, seed: seed, width: size, height: size,
                                   camera: Lab.train.camera, objects: ["cup", "box"], primitives: ["move"])
            var frames = [UInt8](), state = [Float](), action = [Float]()
            var s: [Float] = [0.5, 0, 0.2, 0, 0, 0, 0]
            for t in 0..<steps {
                var frame = [UInt8](repeating: value(episode: e, step: t), count: size * size * 3)
                let (x0, y0) = (4 + (t % 3) * 3, 4 + (e % 3) * 3)
                for y in y0..<min(size, y0 + 4) {
                    for x in x0..<min(size, x0 + 4) { for c in 0..<3 { frame[3 * (y * size + x) + c] = 255 } }
                }
                frames += frame
                state += s
                let a: [Float] = t + 1 < steps
                    ? (0..<6).map { _ in (generator.nextUnit() - 0.5) * 0.1 } + [generator.nextUnit() < 0.5 ? 0 : 1]
                    : [Float](repeating: 0, count: 7)
                for d in 0..<6 { s[d] += a[d] }
                s[6] = a[6]
                action += a
            }
            return try Episode(meta: meta, frames: frames, state: state, action: action,
                               joints: [Float](repeating: 0, count: steps * 9), objects: [Float](repeating: 0, count: steps * 14),
                               primitive: [Int](repeating: 0, count: steps), contact: [ContactFlags](repeating: ContactFlags(rawValue: 0), count: steps * 2))
        }
    }

    /// A tiny policy shape for 16-pixel frames.
    static var config: OctoConfig {
        var c = OctoConfig()
        (c.imageSize, c.patch, c.width, c.depth, c.heads) = (16, 8, 32, 1, 2)
        return c
    }
}
