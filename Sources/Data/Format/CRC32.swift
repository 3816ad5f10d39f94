/// CRC-32 (the zip / IEEE 802.3 polynomial, reflected 0xEDB88320), as stored in zip archives.
enum CRC32 {
    /// A CRC-32 over bytes fed in parts.
    struct Running {
        private var crc: UInt32 = 0xFFFF_FFFF

        var value: UInt32 { ~crc }

        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            var c = crc
            CRC32.table.withUnsafeBufferPointer { table in
                for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
            }
            crc = c
        }

        mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var running = Running()
        running.update(bytes)
        return running.value
    }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}
