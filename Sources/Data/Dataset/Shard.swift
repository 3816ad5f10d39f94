/// One of `count` disjoint parts of a dataset, written `index/count` with `index` in `0..<count`
/// (`--shard 0/2` and `--shard 1/2` together make the whole). Episode `e` belongs to shard `e % count`.
public struct Shard: Codable, Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The whole dataset as a single shard.
    public static let whole = Shard(validIndex: 0, count: 1)

    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else {
            throw DataError.invalid("shard \(index)/\(count) is not valid: the index must be in 0..<\(max(count, 1)) and the count at least 1")
        }
        self.index = index
        self.count = count
    }

    /// Parses `i/n`, e.g. `1/4`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw DataError.invalid("'\(text)' is not a shard; write i/n with i in 0..<n, e.g. 0/2 and 1/2")
        }
        try self.init(index: index, count: count)
    }

    private init(validIndex: Int, count: Int) {
        index = validIndex
        self.count = count
    }

    public func contains(episode: Int) -> Bool { episode % count == index }

    public var description: String { "\(index)/\(count)" }
}
