import Data
import Foundation
import Testing

@Suite struct EpisodeFileTests {
    @Test func writtenEpisodeReadsBackIdenticallyAndDeterministically() throws {
        let config = try Synthetic.config()
        let episode = try Synthetic.episode(config, index: 3, seed: 99)
        let folder = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(Episode.fileName(index: 3))
        try episode.write(to: url)
        #expect(url.lastPathComponent == "episode_000003.npz")
        #expect(try Episode(contentsOf: url) == episode)
        #expect(try episode.encoded() == Synthetic.episode(config, index: 3, seed: 99).encoded())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["episode_000003.npz"])
    }

    @Test func recorderComputesDroidActions() throws {
        let config = try Synthetic.config()
        let episode = try Synthetic.episode(config, index: 0, seed: 5)
        let t = episode.steps
        for step in 0..<(t - 1) {
            for c in 0..<3 {
                #expect(abs(episode.action[step * 7 + c] - (episode.state[(step + 1) * 7 + c] - episode.state[step * 7 + c])) < 1e-6)
            }
            #expect(abs(episode.action[step * 7 + 5] - 0.1) < 1e-5, "yaw delta wraps across ±π")
        }
        #expect(episode.action[(t - 1) * 7..<(t * 7)].allSatisfy { $0 == 0 })
        #expect(episode.action[1 * 7 + 6] == 1, "gripper column is the command")
        // Object orientation is stored as a unit quaternion w, x, y, z: yaw 0.1·t about z.
        let q = episode.objects[(2 * 2) * 7 + 3..<(2 * 2) * 7 + 7].map(Double.init)
        #expect(abs(q[0] - cos(0.1)) < 1e-6 && abs(q[3] - sin(0.1)) < 1e-6 && abs(q[1]) < 1e-7 && abs(q[2]) < 1e-7)
    }

    @Test func mismatchedArraysAreRejected() throws {
        let good = try Synthetic.episode(try Synthetic.config(), index: 0, seed: 5)
        let error = #expect(throws: DataError.self) {
            try Episode(
                meta: good.meta, frames: good.frames, state: Array(good.state.dropLast()), action: good.action,
                joints: good.joints, objects: good.objects, primitive: good.primitive, contact: good.contact)
        }
        #expect(error?.description.contains("state has 41 values; shape [6, 7] needs 42") == true)
    }

    @Test func flippedOrTruncatedFileIsAnErrorNamingIt() throws {
        let episode = try Synthetic.episode(try Synthetic.config(), index: 1, seed: 8)
        let folder = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(Episode.fileName(index: 1))
        try episode.write(to: url)
        let size = try episode.encoded().count

        try Synthetic.flipByte(at: 300, of: url)  // inside frames.npy's data
        let flipped = #expect(throws: DataError.self) { try Episode(contentsOf: url) }
        #expect(flipped?.description.contains(url.path) == true)
        #expect(flipped?.description.contains("frames.npy fails its CRC-32 check") == true)

        try episode.write(to: url)
        try Synthetic.flipByte(at: 40, of: url)  // inside frames.npy's header
        let header = #expect(throws: DataError.self) { try Episode(contentsOf: url) }
        #expect(header?.description.contains(url.path) == true)

        try Foundation.Data(try episode.encoded().prefix(size - 100)).write(to: url)
        let truncated = #expect(throws: DataError.self) { try Episode(contentsOf: url) }
        #expect(truncated?.description.contains(url.path) == true)
        #expect(truncated?.description.contains("truncated") == true)
    }

    @Test func interactionsFollowTheirDefinitions() throws {
        let config = try Synthetic.config()
        let carrying = Interactions(try Synthetic.episode(config, index: 3, seed: 1))
        #expect(carrying == Interactions(touched: true, graspAttempted: true, grasped: true, lifted: true, carried: true))
        let touching = Interactions(try Synthetic.episode(config, index: 4, seed: 1))
        #expect(touching == Interactions(touched: true))
        #expect(Interactions(try Synthetic.episode(config, index: 5, seed: 1)) == Interactions())
        let statistics = DatasetStatistics([carrying, touching, Interactions()])
        #expect(statistics.episodes == 3 && statistics.touched == 2 && statistics.lifted == 1)
        #expect(statistics.summary.contains("lifted: 1 of 3 episodes (33.3%)"))
    }
}
