/// A minimal zip archive of uncompressed ("stored") members, the container of `.npz` files.
///
/// Writing is deterministic: members in the given order, a fixed timestamp (1980-01-01 00:00), no extra fields.
/// Reading validates signatures, bounds, the central directory against each local header and, on request, every
/// member's CRC-32. Zip64 and compressed members are rejected with a reason.
enum StoredZip {
    struct Member {
        var name: String
        /// Offset of the member's first data byte in the archive.
        var offset: Int
        var size: Int
        var crc: UInt32
    }

    private static let localSignature: UInt32 = 0x0403_4B50
    private static let centralSignature: UInt32 = 0x0201_4B50
    private static let endSignature: UInt32 = 0x0605_4B50
    /// MS-DOS date 1980-01-01, time 00:00.
    private static let dosDate: UInt16 = 0x0021

    /// The archive of `members` (name, then the member's bytes as consecutive parts).
    static func archive(_ members: [(name: String, parts: [[UInt8]])]) throws -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(members.reduce(0) { $0 + $1.parts.reduce(0) { $0 + $1.count } + 128 } + 64)
        var central = [UInt8]()
        for member in members {
            let name = Array(member.name.utf8)
            let size = member.parts.reduce(0) { $0 + $1.count }
            guard size < 0xFFFF_FFFF, out.count < 0xFFFF_FFFF else {
                throw DataError.invalid("zip member \(member.name) is too large (\(size) bytes; zip64 is not written)")
            }
            var crc = CRC32.Running()
            for part in member.parts { crc.update(part) }
            let offset = out.count
            out.append32(localSignature)
            out.append16(20)  // version needed: 2.0
            out.append16(0)  // flags
            out.append16(0)  // method: stored
            out.append16(0)  // time
            out.append16(dosDate)
            out.append32(crc.value)
            out.append32(UInt32(size))
            out.append32(UInt32(size))
            out.append16(UInt16(name.count))
            out.append16(0)  // extra length
            out.append(contentsOf: name)
            for part in member.parts { out.append(contentsOf: part) }

            central.append32(centralSignature)
            central.append16(20)  // made by: MS-DOS, 2.0
            central.append16(20)
            central.append16(0)
            central.append16(0)
            central.append16(0)
            central.append16(dosDate)
            central.append32(crc.value)
            central.append32(UInt32(size))
            central.append32(UInt32(size))
            central.append16(UInt16(name.count))
            central.append16(0)  // extra
            central.append16(0)  // comment
            central.append16(0)  // disk
            central.append16(0)  // internal attributes
            central.append32(0)  // external attributes
            central.append32(UInt32(offset))
            central.append(contentsOf: name)
        }
        let centralOffset = out.count
        out.append(contentsOf: central)
        out.append32(endSignature)
        out.append16(0)
        out.append16(0)
        out.append16(UInt16(members.count))
        out.append16(UInt16(members.count))
        out.append32(UInt32(central.count))
        out.append32(UInt32(centralOffset))
        out.append16(0)
        return out
    }

    /// The members of the archive in `bytes`, in central-directory order.
    static func members(of bytes: UnsafeRawBufferPointer, verifyCRC: Bool) throws -> [Member] {
        guard bytes.count >= 22 else { throw FormatFailure("truncated: \(bytes.count) bytes is too short for a zip archive") }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while end >= lowest, bytes.u32(end) != endSignature { end -= 1 }
        guard end >= lowest else { throw FormatFailure("not a zip archive or truncated (no end-of-central-directory record)") }
        let count = Int(bytes.u16(end + 10))
        let centralSize = Int(bytes.u32(end + 12))
        let centralOffset = Int(bytes.u32(end + 16))
        guard centralOffset + centralSize <= end else {
            throw FormatFailure("truncated or corrupt: the central directory (offset \(centralOffset)) lies beyond the data")
        }
        var members = [Member]()
        var at = centralOffset
        for index in 0..<count {
            guard at + 46 <= end, bytes.u32(at) == centralSignature else {
                throw FormatFailure("corrupt central directory entry \(index) at offset \(at)")
            }
            let method = bytes.u16(at + 10)
            let crc = bytes.u32(at + 16)
            let compressed = Int(bytes.u32(at + 20))
            let size = Int(bytes.u32(at + 24))
            let nameLength = Int(bytes.u16(at + 28))
            let skip = Int(bytes.u16(at + 30)) + Int(bytes.u16(at + 32))
            let local = Int(bytes.u32(at + 42))
            guard at + 46 + nameLength <= end else { throw FormatFailure("corrupt central directory entry \(index)") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            guard method == 0, compressed == size else {
                throw FormatFailure("member \(name) uses compression method \(method); only stored (0) members are read")
            }
            guard local + 30 <= bytes.count, bytes.u32(local) == localSignature,
                  Int(bytes.u16(local + 26)) == nameLength,
                  bytes.u32(local + 14) == crc, Int(bytes.u32(local + 22)) == size
            else { throw FormatFailure("member \(name): local header at offset \(local) is corrupt or disagrees with the directory") }
            let offset = local + 30 + nameLength + Int(bytes.u16(local + 28))
            guard offset + size <= centralOffset else {
                throw FormatFailure("truncated: member \(name) needs bytes \(offset)..<\(offset + size) of \(bytes.count)")
            }
            if verifyCRC {
                let actual = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + size)]))
                guard actual == crc else {
                    throw FormatFailure("member \(name) fails its CRC-32 check (stored \(hex(crc)), computed \(hex(actual)))")
                }
            }
            members.append(Member(name: name, offset: offset, size: size, crc: crc))
            at += 46 + nameLength + skip
        }
        return members
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func append16(_ v: UInt16) {
        append(UInt8(v & 0xFF))
        append(UInt8(v >> 8))
    }

    fileprivate mutating func append32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }
}

extension UnsafeRawBufferPointer {
    fileprivate func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    fileprivate func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
}
