import Foundation

/// Writes one shard of a dataset: one episode file per planned index, then the shard's manifest.
///
/// Resumable: an episode whose file already exists and reads back intact (CRC-32s, shapes, and metadata matching
/// the plan) is kept; a corrupt one is regenerated; every write is atomic. Because episode `i` is a function of
/// `(config, i)` alone, an interrupted-and-resumed run writes exactly the files of an uninterrupted one.
public struct DatasetGenerator {
    /// What a run did.
    public struct Report: Sendable {
        /// Episodes generated in this run.
        public var generated = 0
        /// Episodes whose existing files were kept.
        public var kept = 0
        /// Existing files that were corrupt and were regenerated, with the reason.
        public var replaced = [String]()
        public var seconds = 0.0
        public var manifest: Manifest
    }

    public let plan: DatasetPlan
    public let directory: URL

    public init(plan: DatasetPlan, directory: URL) {
        self.plan = plan
        self.directory = directory
    }

    /// Generates the missing episodes of the plan with `makeEpisode(index, seed)` and writes the shard's manifest
    /// (`manifest.json` when the plan is the whole dataset, else `manifest.shard-I-of-N.json`).
    public func run(
        progress: ProgressMeter = ProgressMeter(label: "episodes"),
        makeEpisode: (_ index: Int, _ seed: UInt64) throws -> Episode
    ) throws -> Report {
        let started = Date()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try checkExistingManifests()
        let shard = plan.shard
        AtomicFile.removeStale(in: directory) { name in
            guard let index = Dataset.episodeIndex(fileName: name) else { return name == Manifest.fileName(for: shard) }
            return shard.contains(episode: index)
        }
        var entries = [Manifest.Entry]()
        var report = Report(manifest: Manifest(config: plan.config, shard: nil, files: []))
        let indices = plan.indices
        progress.start(total: indices.count)
        for index in indices {
            let url = directory.appendingPathComponent(Episode.fileName(index: index))
            if let entry = try existingEntry(index: index, url: url, report: &report, progress: progress) {
                entries.append(entry)
                report.kept += 1
            } else {
                let episode = try makeEpisode(index, plan.seed(ofEpisode: index))
                if let fault = plan.config.mismatch(of: episode.meta, steps: episode.steps, index: index) {
                    throw DataError.invalid("the generator returned, for episode \(index), an episode with \(fault)")
                }
                let bytes = try episode.encoded()
                try AtomicFile.write(bytes, to: url)
                entries.append(DatasetGenerator.entry(episode, bytes: bytes))
                report.generated += 1
            }
            progress.advance()
        }
        let manifest = Manifest(config: plan.config, shard: shard == .whole ? nil : shard, files: entries)
        try manifest.write(to: directory.appendingPathComponent(Manifest.fileName(for: shard)))
        report.manifest = manifest
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    static func entry(_ episode: Episode, bytes: [UInt8]) -> Manifest.Entry {
        Manifest.Entry(
            index: episode.meta.episodeIndex, file: Episode.fileName(index: episode.meta.episodeIndex),
            seed: episode.meta.seed, steps: episode.steps, bytes: bytes.count, sha256: SHA256.hex(bytes),
            interactions: Interactions(episode))
    }

    /// The manifest entry of an existing intact file for `index`, nil when there is none or it is corrupt.
    private func existingEntry(index: Int, url: URL, report: inout Report, progress: ProgressMeter) throws -> Manifest.Entry? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes = try AtomicFile.read(url)
        let episode: Episode
        do {
            episode = try Episode(fileBytes: bytes, path: url.path)
        } catch let error as DataError {
            report.replaced.append(error.description)
            progress.note("regenerating \(error.description)")
            return nil
        }
        if let fault = plan.config.mismatch(of: episode.meta, steps: episode.steps, index: index) {
            throw DataError.invalid(
                "\(url.path) belongs to another dataset (\(fault)); use an empty --out folder or delete the file")
        }
        return DatasetGenerator.entry(episode, bytes: bytes)
    }

    /// Refuses to add to a folder whose manifests describe a different configuration.
    private func checkExistingManifests() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where name.hasPrefix("manifest") && name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            let existing = try Manifest.read(from: url)
            guard existing.config == plan.config else {
                throw DataError.invalid(
                    "\(url.path) describes a different dataset (\(existing.config)); this run asks for \(plan.config). "
                        + "Use an empty --out folder or the same options")
            }
        }
    }
}
