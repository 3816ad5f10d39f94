import Foundation

extension Manifest {
    /// Checks a folder filled by shards and writes its combined `manifest.json`.
    ///
    /// Every shard manifest must describe the same configuration and shard count, every shard must be present,
    /// every episode index listed exactly once, every listed file present with the recorded SHA-256, and no other
    /// episode file may lie in the folder. All problems are reported together, each naming its file. A folder with
    /// only `manifest.json` (an unsharded run) is verified the same way.
    @discardableResult
    public static func merge(directory: URL) throws -> Manifest {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var shardNames = names.filter { $0.hasPrefix("manifest.shard-") && $0.hasSuffix(".json") }
        if shardNames.isEmpty, names.contains(fileName) { shardNames = [fileName] }
        guard !shardNames.isEmpty else {
            throw DataError.invalid("\(directory.path) holds no shard manifests (manifest.shard-I-of-N.json); generate first")
        }
        var problems = [String]()
        let manifests = try shardNames.map { try Manifest.read(from: directory.appendingPathComponent($0)) }
        let config = manifests[0].config
        let count = manifests[0].shard?.count ?? 1
        for (name, manifest) in zip(shardNames, manifests) {
            if manifest.config != config {
                problems.append("\(name) has configuration \(manifest.config), \(shardNames[0]) has \(config)")
            }
            if (manifest.shard?.count ?? 1) != count {
                problems.append("\(name) is one of \(manifest.shard?.count ?? 1) shards, \(shardNames[0]) one of \(count)")
            }
        }
        let present = Set(manifests.map { $0.shard?.index ?? 0 })
        for index in 0..<count where !present.contains(index) {
            problems.append(
                "shard \(index)/\(count) has no manifest (manifest.shard-\(index)-of-\(count).json); "
                    + "run generate with --shard \(index)/\(count)")
        }
        var listed = [Int: String]()
        var entries = [Entry]()
        for (name, manifest) in zip(shardNames, manifests) {
            for entry in manifest.files {
                if let other = listed[entry.index] {
                    problems.append("\(entry.file) is listed twice, in \(other) and \(name)")
                    continue
                }
                listed[entry.index] = name
                entries.append(entry)
                if entry.index >= config.episodes || entry.file != Episode.fileName(index: entry.index)
                    || !(manifest.shard ?? .whole).contains(episode: entry.index) {
                    problems.append("\(name) lists \(entry.file) as episode \(entry.index), which is not in its shard")
                }
            }
        }
        for (name, manifest) in zip(shardNames, manifests) {
            let shard = manifest.shard ?? .whole
            let missing = stride(from: shard.index, to: config.episodes, by: shard.count).filter { listed[$0] == nil }
            if !missing.isEmpty {
                let shown = missing.prefix(5).map { Episode.fileName(index: $0) }.joined(separator: ", ")
                problems.append("\(missing.count) episode\(missing.count == 1 ? "" : "s") of shard \(shard) missing from \(name): "
                    + shown + (missing.count > 5 ? ", …" : "") + "; resume generate with --shard \(shard)")
            }
        }
        let dataset = Dataset(directory: directory, manifest: Manifest(config: config, shard: nil, files: entries))
        for entry in entries.sorted(by: { $0.index < $1.index }) {
            do {
                _ = try dataset.verifiedBytes(of: entry)
            } catch let error as DataError {
                problems.append(error.description)
            }
        }
        for name in names {
            if let index = Dataset.episodeIndex(fileName: name), !(0..<config.episodes).contains(index) {
                problems.append("\(name) is not an episode of this dataset (\(config.episodes) episodes)")
            }
        }
        guard problems.isEmpty else { throw DataError.inconsistentDataset(directory: directory.path, problems: problems) }
        try dataset.manifest.write(to: directory.appendingPathComponent(fileName))
        return dataset.manifest
    }
}
