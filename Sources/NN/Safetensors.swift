import Foundation

/// Reading and writing the safetensors format: an 8-byte little-endian header length, a JSON header mapping each
/// name to `{"dtype": "F32", "shape": […], "data_offsets": [begin, end]}` (offsets into the data that follows) plus
/// an optional `"__metadata__"` of string values, then the raw little-endian data. Python's `safetensors` and
/// PyTorch read these files. Writes are atomic (a temporary file renamed into place).
public enum Safetensors {
    /// Writes `tensors` (Float32) and string `metadata` to `url`, tensors in name order.
    public static func write(_ tensors: NamedTensors, metadata: [String: String] = [:], to url: URL) throws {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let t = tensors[name]!
            header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + 4 * t.count]] as [String: Any]
            offset += 4 * t.count
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        var file = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { p in
                #if _endian(little)
                file.append(contentsOf: UnsafeRawBufferPointer(p))
                #else
                for value in p { withUnsafeBytes(of: value.bitPattern.littleEndian) { file.append(contentsOf: $0) } }
                #endif
            }
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ChunkedFileWriter.write(file, to: url)
    }

    /// Reads every tensor and the metadata of a safetensors file; only Float32 tensors are accepted.
    public static func read(from url: URL) throws -> (tensors: NamedTensors, metadata: [String: String]) {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw SafetensorsError.unreadable(path, "\(error)") }
        guard data.count >= 8 else { throw SafetensorsError.invalid(path, "file is \(data.count) bytes, shorter than the 8-byte header length") }
        let headerLength = Int(data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        guard headerLength <= data.count - 8 else {
            throw SafetensorsError.invalid(path, "header length \(headerLength) exceeds the file size \(data.count)")
        }
        let dataStart = 8 + headerLength
        guard let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<dataStart)) as? [String: Any] else {
            throw SafetensorsError.invalid(path, "header is not a JSON object")
        }
        var tensors: NamedTensors = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else { throw SafetensorsError.invalid(path, "__metadata__ must map strings to strings") }
                metadata = m
                continue
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw SafetensorsError.invalid(path, "entry \(name) lacks dtype, shape or data_offsets")
            }
            guard dtype == "F32" else { throw SafetensorsError.invalid(path, "tensor \(name) has dtype \(dtype); only F32 is supported") }
            let count = shape.reduce(1, *)
            guard offsets[1] - offsets[0] == 4 * count, offsets[0] >= 0, dataStart + offsets[1] <= data.count else {
                throw SafetensorsError.invalid(path, "tensor \(name) of shape \(shape) has data_offsets \(offsets) that do not fit")
            }
            let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                data.withUnsafeBytes { raw in
                    let base = raw.baseAddress! + dataStart + offsets[0]
                    for i in 0..<count {
                        buffer[i] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    }
                }
                initialized = count
            }
            tensors[name] = Tensor(shape: shape, scalars: scalars)
        }
        return (tensors, metadata)
    }
}

/// A safetensors file that cannot be read, naming the file and what is wrong.
public enum SafetensorsError: Error, CustomStringConvertible, Equatable {
    case unreadable(String, String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .invalid(path, reason): return "\(path): not a valid safetensors file: \(reason)"
        }
    }
}
