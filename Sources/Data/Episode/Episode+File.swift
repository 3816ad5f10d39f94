import Foundation

extension Episode {
    /// The standard file name of episode `index`: `episode_NNNNNN.npz`.
    public static func fileName(index: Int) -> String {
        let digits = String(index)
        return "episode_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".npz"
    }

    /// The `.npz` file's bytes: one stored (uncompressed) .npy member per array, then `meta.json`. Deterministic.
    public func encoded() throws -> [UInt8] {
        let t = steps
        let k = objectCount
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let json = try encoder.encode(meta)
        func member(_ name: String, _ dtype: NPY.DType, _ shape: [Int], _ bytes: [UInt8]) -> (String, [[UInt8]]) {
            (name + ".npy", [NPY.header(dtype: dtype, shape: shape), bytes])
        }
        return try StoredZip.archive([
            member("frames", .uint8, [t, meta.height, meta.width, 3], frames),
            member("state", .float32, [t, Episode.stateWidth], state.rawBytes),
            member("action", .float32, [t, Episode.actionWidth], action.rawBytes),
            member("joints", .float32, [t, Episode.jointWidth], joints.rawBytes),
            member("objects", .float32, [t, k, Episode.objectWidth], objects.rawBytes),
            member("primitive", .int32, [t], primitive.map { Int32(truncatingIfNeeded: $0) }.rawBytes),
            member("contact", .uint8, [t, k], contact.map(\.rawValue)),
            ("meta.json", [Array(json)]),
        ])
    }

    /// Writes the episode atomically (a temporary file in the same folder, then a rename) to `url`.
    public func write(to url: URL) throws {
        try AtomicFile.write(try encoded(), to: url)
    }

    /// Reads and fully checks the episode file at `url`: zip structure, CRC-32 of every member, .npy headers, dtypes
    /// and shapes against `meta.json`. Any fault is a `DataError.corruptFile` naming the file and the fault.
    public init(contentsOf url: URL) throws {
        let bytes = try AtomicFile.read(url)
        try self.init(fileBytes: bytes, path: url.path)
    }

    /// Decodes an episode from a whole file's bytes; `path` names the file in errors.
    init(fileBytes bytes: [UInt8], path: String) throws {
        let decoded: Episode? = try bytes.withUnsafeBytes { raw in
            do {
                let layout = try EpisodeLayout(raw, verifyCRC: true)
                func floats(_ name: String) -> [Float] { raw.copyArray(layout.arrays[name]!, as: Float.self) }
                return try Episode(
                    meta: layout.meta,
                    frames: raw.copyArray(layout.arrays["frames"]!, as: UInt8.self),
                    state: floats("state"), action: floats("action"), joints: floats("joints"),
                    objects: floats("objects"),
                    primitive: raw.copyArray(layout.arrays["primitive"]!, as: Int32.self).map(Int.init),
                    contact: raw.copyArray(layout.arrays["contact"]!, as: UInt8.self).map(ContactFlags.init(rawValue:)))
            } catch let failure as FormatFailure {
                throw DataError.corruptFile(path: path, reason: failure.reason)
            } catch let DataError.invalid(reason) {
                throw DataError.corruptFile(path: path, reason: reason)
            }
        }
        self = decoded!
    }
}

extension UnsafeRawBufferPointer {
    /// The elements of `array` (whole), copied out of the file's bytes.
    func copyArray<T>(_ array: EpisodeLayout.Array, as type: T.Type) -> [T] {
        let count = array.shape.reduce(1, *)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: self[array.offset..<(array.offset + count * MemoryLayout<T>.size)]))
            initialized = count
        }
    }
}

extension Array {
    /// The elements' bytes in memory order (little-endian on every supported host).
    var rawBytes: [UInt8] { withUnsafeBytes { Swift.Array($0) } }
}
