import Foundation
import NN
import Testing

@Suite struct CheckpointTests {
    struct Config: Codable, Equatable {
        var width = 8, depth = 2, heads = 2
        var name = "tiny \"model\""
    }

    func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("nn-ckpt-\(UUID())").appendingPathComponent(name)
    }

    @Test func checkpointRoundTrip() throws {
        var g = SeededGenerator(seed: 1)
        let model = Transformer(width: 8, depth: 2, heads: 2, using: &g)
        let url = temporaryFile("model.safetensors")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try Checkpoint.save(model, config: Config(), to: url)
        #expect(try Checkpoint.config(Config.self, from: url) == Config())
        var restored = Transformer(width: 8, depth: 2, heads: 2, using: &g)
        #expect(restored.parameters["blocks.0.attn.qkv.weight"]!.scalars != model.parameters["blocks.0.attn.qkv.weight"]!.scalars)
        try Checkpoint.load(into: &restored, from: url)
        for (name, tensor) in model.parameters { #expect(restored.parameters[name]!.scalars == tensor.scalars, "\(name)") }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["model.safetensors"])
    }

    @Test func loadingIntoTheWrongShapeFailsClearly() throws {
        var g = SeededGenerator(seed: 2)
        let url = temporaryFile("model.safetensors")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try Checkpoint.save(Transformer(width: 8, depth: 1, heads: 2, using: &g), config: Config(), to: url)
        var wider = Transformer(width: 12, depth: 1, heads: 2, using: &g)
        #expect { try Checkpoint.load(into: &wider, from: url) } throws: { error in
            "\(error)".contains("blocks.0.attn.qkv.weight") || "\(error)".contains("blocks.0.norm1.weight")
        }
        try Data("short".utf8).write(to: url)
        #expect { try Safetensors.read(from: url) } throws: { "\($0)".contains("shorter than the 8-byte header") }
    }

    @Test func fileLayoutIsSafetensors() throws {
        let url = temporaryFile("t.safetensors")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]), b = Tensor(shape: [1], scalars: [-0.5])
        try Safetensors.write(["b": b, "a": a], metadata: ["config": "{\"k\":1}"], to: url)
        let data = try Data(contentsOf: url)
        let length = Int(data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        #expect(length % 8 == 0 && data.count == 8 + length + 4 * 7)
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as! [String: Any]
        let entry = header["a"] as! [String: Any]
        #expect(entry["dtype"] as? String == "F32" && entry["shape"] as? [Int] == [2, 3] && entry["data_offsets"] as? [Int] == [0, 24])
        #expect((header["__metadata__"] as? [String: String])?["config"] == "{\"k\":1}")
        let (tensors, metadata) = try Safetensors.read(from: url)
        #expect(tensors["a"]!.scalars == a.scalars && tensors["b"]!.shape == [1] && metadata["config"] == "{\"k\":1}")
    }

    @Test func pythonReadsTheFile() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/python3" }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python, run(python, ["-c", "import numpy"]) == 0 else { return }  // numpy absent: nothing to check
        let url = temporaryFile("p.safetensors")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try Safetensors.write(["layer.weight": Tensor(shape: [2, 2], scalars: [1, 2.5, -3, 4]), "z": Tensor(shape: [3], scalars: [7, 8, 9])],
                              metadata: ["config": "{\"width\":2}"], to: url)
        let script = """
            import json, struct, sys, numpy as np
            raw = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', raw[:8])[0]
            header = json.loads(raw[8:8 + n])
            assert json.loads(header['__metadata__']['config']) == {'width': 2}
            e = header['layer.weight']
            a = np.frombuffer(raw[8 + n + e['data_offsets'][0]:8 + n + e['data_offsets'][1]], dtype='<f4').reshape(e['shape'])
            assert e['dtype'] == 'F32' and a.tolist() == [[1, 2.5], [-3, 4]], a
            z = header['z']
            assert np.frombuffer(raw[8 + n + z['data_offsets'][0]:8 + n + z['data_offsets'][1]], dtype='<f4').tolist() == [7, 8, 9]
            """
        #expect(run(python, ["-c", script, url.path]) == 0)
    }

    private func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
