/// The `.npy` array format, version 1.0: magic, a little-endian header length, a Python-literal header padded with
/// spaces to a multiple of 64 bytes, then the C-ordered array bytes.
enum NPY {
    enum DType: String, CaseIterable {
        case uint8 = "|u1"
        case int32 = "<i4"
        case float32 = "<f4"

        var size: Int {
            switch self {
            case .uint8: 1
            case .int32, .float32: 4
            }
        }
    }

    struct Header: Equatable {
        var dtype: DType
        var shape: [Int]
        /// Bytes from the start of the .npy member to the first array byte.
        var length: Int
        var elementCount: Int { shape.reduce(1, *) }
        var byteCount: Int { elementCount * dtype.size }
    }

    private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The complete header (magic through the padded dictionary) for an array of `dtype` and `shape`.
    static func header(dtype: DType, shape: [Int]) -> [UInt8] {
        let dims = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var text = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(dims), }"
        let unpadded = magic.count + 4 + text.utf8.count + 1
        text += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let count = UInt16(text.utf8.count)
        return magic + [1, 0, UInt8(count & 0xFF), UInt8(count >> 8)] + Array(text.utf8)
    }

    /// Parses the header at the start of `bytes` (a whole .npy member).
    static func parseHeader(_ bytes: UnsafeRawBufferPointer) throws -> Header {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw FormatFailure("not a .npy array (bad magic)") }
        let major = bytes[6]
        let (textStart, textLength): (Int, Int)
        switch major {
        case 1: (textStart, textLength) = (10, Int(bytes[8]) | Int(bytes[9]) << 8)
        case 2, 3:
            guard bytes.count >= 12 else { throw FormatFailure("truncated .npy header") }
            textStart = 12
            textLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default: throw FormatFailure(".npy version \(major).\(bytes[7]) is not supported (1.0, 2.0 or 3.0)")
        }
        guard textStart + textLength <= bytes.count else { throw FormatFailure("truncated .npy header") }
        let text = String(decoding: bytes[textStart..<(textStart + textLength)], as: UTF8.self)
        guard let descr = value(of: "descr", in: text)?.trimmingQuotes,
              let order = value(of: "fortran_order", in: text),
              let shapeText = value(of: "shape", in: text)
        else { throw FormatFailure("unreadable .npy header \(text.debugDescription)") }
        guard let dtype = DType(rawValue: descr) else {
            throw FormatFailure("dtype '\(descr)' is not one of " + DType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard order == "False" else { throw FormatFailure("Fortran-ordered arrays are not supported") }
        let inner = shapeText.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters() }
        var shape = [Int]()
        for dim in inner where !dim.isEmpty {
            guard let n = Int(dim), n >= 0 else { throw FormatFailure("bad shape \(shapeText) in .npy header") }
            shape.append(n)
        }
        return Header(dtype: dtype, shape: shape, length: textStart + textLength)
    }

    /// The text after `'key':` up to the next top-level comma, trimmed (a shape's parentheses kept whole).
    private static func value(of key: String, in text: String) -> String? {
        guard let range = text.range(of: "'\(key)':") else { return nil }
        var rest = text[range.upperBound...].drop { $0 == " " }
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[...close])
        }
        if let comma = rest.firstIndex(where: { $0 == "," || $0 == "}" }) { rest = rest[..<comma] }
        return rest.trimmingCharacters()
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    fileprivate var trimmingQuotes: String {
        var s = Substring(self)
        if s.first == "'" || s.first == "\"" { s = s.dropFirst() }
        if s.last == "'" || s.last == "\"" { s = s.dropLast() }
        return String(s)
    }
}
