import Data
import Render
import Sim

/// Small recorded episodes for the latent cache: a bright square that follows the hand over a dark table.
enum SyntheticEpisodes {
    static func episode(_ config: DatasetConfig, index: Int, seed: UInt64) throws -> Episode {
        var recorder = EpisodeRecorder(width: config.size, height: config.size, objectCount: 1)
        var hand: [Double] = [0.5, Double(index) * 0.05, 0.2, 0, 0, 0, 0]
        for t in 0..<config.frames {
            var frame = RGBImage(width: config.size, height: config.size)
            let cx = Int((hand[0] - 0.3) * 40) % config.size, cy = (t + index) % config.size
            for y in 0..<config.size {
                for x in 0..<config.size where abs(x - cx) < 3 && abs(y - cy) < 3 {
                    frame.pixels[(y * config.size + x) * 3] = 250
                }
            }
            try recorder.record(frame: frame, state: hand, joints: [Double](repeating: 0, count: 9),
                                objects: [Pose(position: [0.5, 0, 0.04])], primitive: 0, contact: [[]], gripperCommand: 0)
            hand[0] += 0.02
        }
        let meta = EpisodeMeta(lab: config.lab, policy: config.policy, episodeIndex: index, seed: seed, width: config.size,
                               height: config.size, camera: Lab.Camera(position: [1.2, 0, 0.8], target: [0.5, 0, 0], fieldOfView: 45),
                               objects: ["cup"], primitives: ["move"])
        return try recorder.finish(meta: meta)
    }
}
