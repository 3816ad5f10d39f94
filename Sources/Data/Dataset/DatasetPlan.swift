import Sim

/// Which episodes one generation run writes, and the seed of each.
///
/// Episode `i`'s seed depends only on the dataset seed and `i`, and shards split the indices disjointly
/// (`i % count == index`), so every sharding of a dataset produces the same files.
public struct DatasetPlan: Equatable, Sendable {
    public let config: DatasetConfig
    public let shard: Shard

    public init(config: DatasetConfig, shard: Shard = .whole) {
        self.config = config
        self.shard = shard
    }

    /// This shard's episode indices, ascending.
    public var indices: [Int] { Array(stride(from: shard.index, to: config.episodes, by: shard.count)) }

    /// The seed of episode `index`.
    public func seed(ofEpisode index: Int) -> UInt64 { DatasetPlan.episodeSeed(datasetSeed: config.seed, index: index) }

    /// The seed of episode `index` of a dataset with seed `datasetSeed` (`SeededRandom.derive`).
    public static func episodeSeed(datasetSeed: UInt64, index: Int) -> UInt64 {
        SeededRandom.derive(datasetSeed, UInt64(index))
    }
}
