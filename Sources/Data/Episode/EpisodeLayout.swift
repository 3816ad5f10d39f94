import Foundation

#if _endian(big)
#error("episode files are little-endian; reading and writing them assumes a little-endian host")
#endif

/// Where each array of an episode file lies, with its shape: parsed from the zip directory and the .npy headers and
/// checked against the format of DESIGN.md section 4. The loader reads clip rows straight from these offsets.
struct EpisodeLayout {
    struct Array {
        var dtype: NPY.DType
        var shape: [Int]
        /// Offset of the first array byte in the file.
        var offset: Int
        /// Bytes per step (row of the first axis).
        var rowBytes: Int { shape.dropFirst().reduce(1, *) * dtype.size }
    }

    static let memberNames = ["frames", "state", "action", "joints", "objects", "primitive", "contact"]

    var meta: EpisodeMeta
    var arrays: [String: Array]
    var steps: Int { arrays["primitive"]!.shape[0] }

    /// Parses and checks the episode file in `bytes`; `verifyCRC` also checks every member's CRC-32.
    init(_ bytes: UnsafeRawBufferPointer, verifyCRC: Bool) throws {
        let members = try StoredZip.members(of: bytes, verifyCRC: verifyCRC)
        guard let metaMember = members.first(where: { $0.name == "meta.json" }) else {
            throw FormatFailure("no meta.json member (members: \(members.map(\.name).joined(separator: ", ")))")
        }
        let json = Foundation.Data(bytes[metaMember.offset..<(metaMember.offset + metaMember.size)])
        do {
            meta = try JSONDecoder().decode(EpisodeMeta.self, from: json)
        } catch {
            throw FormatFailure("meta.json is not valid episode metadata: \(error)")
        }
        guard meta.format == EpisodeMeta.currentFormat else {
            throw FormatFailure("meta.json format is '\(meta.format)', expected '\(EpisodeMeta.currentFormat)'")
        }
        arrays = [:]
        for name in EpisodeLayout.memberNames {
            guard let member = members.first(where: { $0.name == name + ".npy" }) else {
                throw FormatFailure("no \(name).npy member")
            }
            let data = UnsafeRawBufferPointer(rebasing: bytes[member.offset..<(member.offset + member.size)])
            let header: NPY.Header
            do {
                header = try NPY.parseHeader(data)
            } catch let failure as FormatFailure {
                throw FormatFailure("\(name).npy: \(failure.reason)")
            }
            guard header.length + header.byteCount == member.size else {
                throw FormatFailure(
                    "\(name).npy holds \(member.size - header.length) data bytes; shape \(header.shape) needs \(header.byteCount)")
            }
            arrays[name] = Array(dtype: header.dtype, shape: header.shape, offset: member.offset + header.length)
        }
        try check()
    }

    private func check() throws {
        guard let steps = arrays["primitive"]?.shape.first, steps > 0 else {
            throw FormatFailure("primitive must have shape [T] with T > 0, got \(arrays["primitive"]!.shape)")
        }
        let k = meta.objects.count
        let expected: [(String, NPY.DType, [Int])] = [
            ("frames", .uint8, [steps, meta.height, meta.width, 3]),
            ("state", .float32, [steps, Episode.stateWidth]),
            ("action", .float32, [steps, Episode.actionWidth]),
            ("joints", .float32, [steps, Episode.jointWidth]),
            ("objects", .float32, [steps, k, Episode.objectWidth]),
            ("primitive", .int32, [steps]),
            ("contact", .uint8, [steps, k]),
        ]
        for (name, dtype, shape) in expected {
            let array = arrays[name]!
            guard array.dtype == dtype, array.shape == shape else {
                throw FormatFailure(
                    "\(name) is \(array.dtype.rawValue) \(array.shape); expected \(dtype.rawValue) \(shape) "
                        + "(T = \(steps), K = \(k) objects, \(meta.width)×\(meta.height) frames in meta.json)")
            }
        }
    }
}
