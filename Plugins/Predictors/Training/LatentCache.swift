import Data
import Foundation
import Harness
import NN
import Tensor

/// A dataset's frames encoded once by a frozen encoder, with each episode's states and actions, kept on disk.
///
/// Each frame is encoded alone (`Encoder.encodeFrames`). The file is a safetensors file named after a key that
/// hashes the encoder's identity (its reference and the digest of any file it reads, such as a checkpoint) and the
/// dataset manifest's digest, so a changed encoder or dataset never reuses stale latents. Writes are atomic.
public struct LatentCache: Sendable {
    /// One episode: latents `[T, N, D]`, states and actions `[T, 7]`.
    public struct Episode: Sendable {
        public let latents: Tensor
        public let states: Tensor
        public let actions: Tensor
        public var steps: Int { latents.shape[0] }

        public init(latents: Tensor, states: Tensor, actions: Tensor) {
            precondition(latents.rank == 3 && states.shape == [latents.shape[0], 7] && actions.shape == states.shape,
                         "LatentCache.Episode: latents \(latents.shape), states \(states.shape), actions \(actions.shape)")
            (self.latents, self.states, self.actions) = (latents, states, actions)
        }
    }

    public let key: String
    public let episodes: [Episode]

    public var tokensPerFrame: Int { episodes[0].latents.shape[1] }
    public var latentWidth: Int { episodes[0].latents.shape[2] }

    /// The cache key of an encoder identity and a dataset folder: SHA-256 over both, hex.
    public static func key(encoderIdentity: String, dataset: Dataset) throws -> String {
        let manifest = try Foundation.Data(contentsOf: dataset.directory.appendingPathComponent(Manifest.fileName))
        return SHA256.hex(Array((encoderIdentity + "\n").utf8) + Array(SHA256.hex(manifest).utf8))
    }

    /// The file holding the cache for `key` in `directory`.
    public static func url(key: String, in directory: URL) -> URL {
        directory.appendingPathComponent("latents-\(key.prefix(24)).safetensors")
    }

    /// A cache of already computed episodes.
    public init(key: String, episodes: [Episode]) {
        precondition(!episodes.isEmpty, "LatentCache: no episodes")
        self.key = key
        self.episodes = episodes
    }

    /// Encodes every episode of `dataset`; `progress` counts episodes.
    public init(encoding dataset: Dataset, with encoder: Encoder, key: String, progress: ProgressMeter? = nil) throws {
        var episodes: [Episode] = []
        var reader = dataset.episodes()
        progress?.start(total: dataset.entries.count)
        while let episode = try reader.next() {
            let (t, h, w) = (episode.steps, episode.meta.height, episode.meta.width)
            guard h == encoder.imageSize, w == encoder.imageSize else {
                throw DataError.invalid("\(dataset.directory.path): frames are \(w)×\(h) but the encoder takes "
                                        + "\(encoder.imageSize)×\(encoder.imageSize); generate the data at that size")
            }
            let frames = Tensor(shape: [t, h, w, 3], scalars: episode.frames.map { Float($0) / 255 })
            let latents = encoder.encodeFrames(frames)
            episodes.append(Episode(latents: latents, states: Tensor(shape: [t, 7], scalars: episode.state),
                                    actions: Tensor(shape: [t, 7], scalars: episode.action)))
            progress?.advance()
        }
        guard !episodes.isEmpty else { throw DataError.invalid("\(dataset.directory.path) holds no episodes") }
        self.key = key
        self.episodes = episodes
    }

    /// Reads a cache written by `write(to:)`; a missing tensor or a key other than `expectedKey` is an error.
    public init(contentsOf url: URL, expectedKey: String? = nil) throws {
        let (tensors, metadata) = try Safetensors.read(from: url)
        guard let key = metadata["key"], let count = metadata["episodes"].flatMap(Int.init), count > 0 else {
            throw SafetensorsError.invalid(url.path, "not a latent cache (no \"key\" or \"episodes\" in its metadata)")
        }
        if let expectedKey, expectedKey != key {
            throw SafetensorsError.invalid(url.path, "latent cache key \(key) differs from the expected \(expectedKey)")
        }
        episodes = try (0..<count).map { i in
            let name = String(format: "%06d", i)
            guard let l = tensors["latents." + name], let s = tensors["states." + name], let a = tensors["actions." + name],
                  l.rank == 3, s.shape == [l.shape[0], 7], a.shape == s.shape else {
                throw SafetensorsError.invalid(url.path, "episode \(i) of the latent cache is missing or misshapen")
            }
            return Episode(latents: l, states: s, actions: a)
        }
        self.key = key
    }

    /// Writes the cache atomically.
    public func write(to url: URL) throws {
        var tensors: NamedTensors = [:]
        for (i, e) in episodes.enumerated() {
            let name = String(format: "%06d", i)
            tensors["latents." + name] = e.latents
            tensors["states." + name] = e.states
            tensors["actions." + name] = e.actions
        }
        try Safetensors.write(tensors, metadata: ["key": key, "episodes": String(episodes.count)], to: url)
    }

    /// The cache for `dataset` and `encoder` in `directory`: read when a file with the right key exists, else
    /// encoded and written. `reused` tells which.
    public static func loadOrBuild(
        dataset: Dataset, encoder: Encoder, encoderIdentity: String, directory: URL, progress: ProgressMeter? = nil
    ) throws -> (cache: LatentCache, reused: Bool) {
        let key = try key(encoderIdentity: encoderIdentity, dataset: dataset)
        let url = url(key: key, in: directory)
        if FileManager.default.fileExists(atPath: url.path) {
            return (try LatentCache(contentsOf: url, expectedKey: key), true)
        }
        let cache = try LatentCache(encoding: dataset, with: encoder, key: key, progress: progress)
        try cache.write(to: url)
        return (cache, false)
    }
}
