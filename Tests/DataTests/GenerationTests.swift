import Data
import Foundation
import Testing

@Suite struct GenerationTests {
    struct Interrupted: Error {}

    /// Runs `plan` into `folder` with synthetic episodes, stopping (as a kill would) after `limit` new episodes.
    @discardableResult
    func generate(_ plan: DatasetPlan, into folder: URL, stopAfter limit: Int = .max) throws -> DatasetGenerator.Report {
        var made = 0
        return try DatasetGenerator(plan: plan, directory: folder).run(progress: ProgressMeter(label: "test", mode: .quiet)) {
            index, seed in
            guard made < limit else { throw Interrupted() }
            made += 1
            return try Synthetic.episode(plan.config, index: index, seed: seed)
        }
    }

    /// Every file in `folder` (hidden ones included) with its SHA-256.
    func checksums(_ folder: URL) throws -> [String: String] {
        var sums = [String: String]()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            sums[name] = SHA256.hex([UInt8](try Foundation.Data(contentsOf: folder.appendingPathComponent(name))))
        }
        return sums
    }

    @Test func shardsAreDisjointAndSeedsIndependentOfSharding() throws {
        let config = try Synthetic.config(episodes: 11)
        let whole = DatasetPlan(config: config)
        let parts = try (0..<3).map { DatasetPlan(config: config, shard: try Shard(index: $0, count: 3)) }
        #expect(parts.flatMap(\.indices).sorted() == Array(0..<11))
        #expect(Set(parts.flatMap(\.indices)).count == 11)
        for part in parts { for i in part.indices { #expect(part.seed(ofEpisode: i) == whole.seed(ofEpisode: i)) } }
        #expect(Set(whole.indices.map(whole.seed(ofEpisode:))).count == 11)
        #expect(try Shard(parsing: "2/3") == Shard(index: 2, count: 3))
        for bad in ["3/3", "-1/2", "1", "a/b", "0/0"] {
            let error = #expect(throws: DataError.self) { try Shard(parsing: bad) }
            #expect(error?.description.contains("0..<") == true, "\(bad): \(error?.description ?? "")")
        }
    }

    @Test func interruptedRunResumesToTheFilesOfAnUninterruptedRun() throws {
        let plan = DatasetPlan(config: try Synthetic.config(episodes: 9))
        let reference = try Synthetic.folder()
        let resumed = try Synthetic.folder()
        defer { for f in [reference, resumed] { try? FileManager.default.removeItem(at: f) } }
        let full = try generate(plan, into: reference)
        #expect(full.generated == 9 && full.kept == 0)

        #expect(throws: Interrupted.self) { try generate(plan, into: resumed, stopAfter: 4) }
        #expect(try checksums(resumed).count == 4)
        // What a kill in the middle of a write leaves: a partial temporary file; and a file damaged since.
        try Foundation.Data([1, 2, 3]).write(to: resumed.appendingPathComponent(".episode_000004.npz.1234.partial"))
        try Foundation.Data([1, 2, 3]).write(to: resumed.appendingPathComponent(".manifest.json.1234.partial"))
        try Synthetic.flipByte(at: 500, of: resumed.appendingPathComponent("episode_000002.npz"))

        let report = try generate(plan, into: resumed)
        #expect(report.generated == 6 && report.kept == 3)
        #expect(report.replaced.count == 1 && report.replaced[0].contains("episode_000002.npz"))
        #expect(try checksums(resumed) == checksums(reference))
        let again = try generate(plan, into: resumed, stopAfter: 0)
        #expect(again.generated == 0 && again.kept == 9)
    }

    @Test func mergedShardsEqualASingleRun() throws {
        let config = try Synthetic.config(episodes: 7)
        let single = try Synthetic.folder()
        let sharded = try Synthetic.folder()
        defer { for f in [single, sharded] { try? FileManager.default.removeItem(at: f) } }
        try generate(DatasetPlan(config: config), into: single)
        for i in [2, 0, 1] { try generate(DatasetPlan(config: config, shard: try Shard(index: i, count: 3)), into: sharded) }
        let merged = try Manifest.merge(directory: sharded)
        #expect(merged == (try Dataset(directory: single)).manifest)
        var shardedSums = try checksums(sharded)
        for i in 0..<3 { shardedSums["manifest.shard-\(i)-of-3.json"] = nil }
        #expect(shardedSums == (try checksums(single)))
        #expect(merged.statistics.episodes == 7 && merged.statistics.carried == 3 && merged.statistics.touched == 5)
    }

    @Test func mergeReportsMissingCorruptAndForeignFilesByName() throws {
        let config = try Synthetic.config(episodes: 6)
        let folder = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = DatasetPlan(config: config, shard: try Shard(index: 0, count: 2))
        try generate(first, into: folder)
        let missingShard = #expect(throws: DataError.self) { try Manifest.merge(directory: folder) }
        #expect(missingShard?.description.contains("shard 1/2 has no manifest") == true)

        try generate(DatasetPlan(config: config, shard: try Shard(index: 1, count: 2)), into: folder)
        let secondURL = folder.appendingPathComponent("manifest.shard-1-of-2.json")
        var second = try Manifest.read(from: secondURL)
        second.files.append(try Manifest.read(from: folder.appendingPathComponent("manifest.shard-0-of-2.json")).files[0])
        try second.write(to: secondURL)
        try Synthetic.flipByte(at: 1000, of: folder.appendingPathComponent("episode_000003.npz"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("episode_000004.npz"))
        try Foundation.Data().write(to: folder.appendingPathComponent("episode_000009.npz"))
        let error = #expect(throws: DataError.self) { try Manifest.merge(directory: folder) }
        let text = error?.description ?? ""
        #expect(text.contains("episode_000003.npz: SHA-256 is"), "\(text)")
        #expect(text.contains("episode_000004.npz: is missing"), "\(text)")
        #expect(text.contains("episode_000009.npz is not an episode of this dataset"), "\(text)")
        #expect(text.contains("episode_000000.npz is listed twice, in manifest.shard-0-of-2.json and manifest.shard-1-of-2.json"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.json").path))

        // A different configuration in the same folder is refused rather than mixed in.
        let other = DatasetPlan(config: try Synthetic.config(episodes: 6, seed: 1))
        let refused = #expect(throws: DataError.self) { try generate(other, into: folder) }
        #expect(refused?.description.contains("describes a different dataset") == true)
    }
}
