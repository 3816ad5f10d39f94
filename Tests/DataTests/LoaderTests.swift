import Data
import Foundation
import Testing

@Suite struct LoaderTests {
    /// A generated synthetic dataset in a fresh folder.
    func makeDataset(episodes: Int = 8) throws -> Dataset {
        let config = try Synthetic.config(episodes: episodes, frames: 10, size: 8)
        let folder = try Synthetic.folder()
        _ = try DatasetGenerator(plan: DatasetPlan(config: config), directory: folder)
            .run(progress: ProgressMeter(label: "test", mode: .quiet)) { index, seed in
                try Synthetic.episode(config, index: index, seed: seed)
            }
        return try Dataset(directory: folder)
    }

    @Test func clipsHoldTheEpisodesRowsAndAreDeterministic() throws {
        let dataset = try makeDataset()
        defer { try? FileManager.default.removeItem(at: dataset.directory) }
        let k = 4
        let loader = try ClipLoader(dataset: dataset, clipLength: k, batchSize: 5, seed: 3)
        let twin = try ClipLoader(dataset: dataset, clipLength: k, batchSize: 5, seed: 3, prefetch: 1)
        let other = try ClipLoader(dataset: dataset, clipLength: k, batchSize: 5, seed: 4)
        let batches = try (0..<3).map { _ in try loader.next() }
        #expect(try (0..<3).map { _ in try twin.next() } == batches)
        #expect(try other.next() != batches[0])
        let batch = batches[0]
        #expect(batch.frameShape == [5, k, 8, 8, 3] && batch.frames.count == 5 * k * 8 * 8 * 3)
        #expect(batch.frames.allSatisfy { (0...1).contains($0) })
        for b in 0..<5 {
            let episode = try dataset.episode(dataset.entries[batch.episodes[b]])
            let s = batch.starts[b]
            let frameSize = 8 * 8 * 3
            let frames = Array(batch.frames[(b * k * frameSize)..<((b + 1) * k * frameSize)])
            let expected = episode.frames[(s * frameSize)..<((s + k) * frameSize)].map { Float($0) / 255 }
            #expect(frames == expected, "clip \(b): frames differ from episode \(batch.episodes[b]) at step \(s)")
            #expect(Array(batch.states[(b * k * 7)..<((b + 1) * k * 7)]) == Array(episode.state[(s * 7)..<((s + k) * 7)]))
            #expect(Array(batch.actions[(b * k * 7)..<((b + 1) * k * 7)]) == Array(episode.action[(s * 7)..<((s + k) * 7)]))
            #expect(Array(batch.primitives[(b * k)..<((b + 1) * k)]) == Array(episode.primitive[s..<(s + k)]))
        }
    }

    @Test func prefetchQueueFillsUpToItsBound() throws {
        let dataset = try makeDataset(episodes: 3)
        defer { try? FileManager.default.removeItem(at: dataset.directory) }
        let loader = try ClipLoader(dataset: dataset, clipLength: 2, batchSize: 2, seed: 1, prefetch: 3)
        let deadline = Date().addingTimeInterval(5)
        while loader.readyBatches < 3, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.05)
        #expect(loader.readyBatches == 3)
        _ = try loader.next()
        #expect(loader.readyBatches <= 3)
    }

    @Test func corruptOrTruncatedFileIsReportedByName() throws {
        let dataset = try makeDataset(episodes: 3)
        defer { try? FileManager.default.removeItem(at: dataset.directory) }
        let flipped = dataset.url(of: dataset.entries[1])
        try Synthetic.flipByte(at: 777, of: flipped)
        let loader = try ClipLoader(dataset: dataset, entries: [dataset.entries[1]], clipLength: 3, batchSize: 2, seed: 9)
        for _ in 0..<2 {  // the error stays
            let error = #expect(throws: DataError.self) { try loader.next() }
            #expect(error?.description.contains(flipped.path) == true)
            #expect(error?.description.contains("SHA-256") == true)
        }
        let cut = dataset.url(of: dataset.entries[2])
        let bytes = try Foundation.Data(contentsOf: cut)
        try bytes.prefix(bytes.count / 2).write(to: cut)
        var episodes = dataset.episodes([dataset.entries[0], dataset.entries[2]])
        #expect(try episodes.next()?.meta.episodeIndex == 0)
        let error = #expect(throws: DataError.self) { try episodes.next() }
        #expect(error?.description.contains(cut.path) == true)
        #expect(error?.description.contains("truncated") == true)
    }

    @Test func episodesIterateInOrderAndSplitsAreDisjointAndSeeded() throws {
        let dataset = try makeDataset(episodes: 10)
        defer { try? FileManager.default.removeItem(at: dataset.directory) }
        var iterator = dataset.episodes()
        var indices = [Int]()
        while let episode = try iterator.next() {
            indices.append(episode.meta.episodeIndex)
            #expect(episode == (try Synthetic.episode(dataset.manifest.config, index: episode.meta.episodeIndex, seed: episode.meta.seed)))
        }
        #expect(indices == Array(0..<10))
        let split = try dataset.split(heldOut: 0.3, seed: 11)
        #expect(split.heldOut.count == 3 && split.train.count == 7)
        #expect(Set(split.train.map(\.index)).isDisjoint(with: split.heldOut.map(\.index)))
        #expect(try dataset.split(heldOut: 0.3, seed: 11).heldOut == split.heldOut)
        let others = try (12..<20).map { try dataset.split(heldOut: 0.3, seed: UInt64($0)).heldOut }
        #expect(others.contains { $0 != split.heldOut })
        #expect(throws: DataError.self) { try dataset.split(heldOut: 1.5, seed: 1) }
    }
}
