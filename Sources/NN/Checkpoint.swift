import Foundation

/// A model's parameters in a safetensors file, with its configuration as JSON under the metadata key `config`.
public enum Checkpoint {
    /// Writes every parameter of `model` (under its dotted name) and `config` to `url`, atomically.
    public static func save<M: Module, C: Encodable>(_ model: M, config: C, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(config), as: UTF8.self)
        try Safetensors.write(model.parameters, metadata: ["config": json], to: url)
    }

    /// The configuration stored in the checkpoint at `url`.
    public static func config<C: Decodable>(_ type: C.Type, from url: URL) throws -> C {
        let (_, metadata) = try Safetensors.read(from: url)
        guard let json = metadata["config"] else {
            throw SafetensorsError.invalid(url.path, "no \"config\" in __metadata__")
        }
        return try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// Loads the parameters stored at `url` into `model` (names and shapes must match exactly).
    public static func load<M: Module>(into model: inout M, from url: URL) throws {
        let (tensors, _) = try Safetensors.read(from: url)
        do { try model.load(tensors) } catch let error as ModuleError {
            throw SafetensorsError.invalid(url.path, error.description)
        }
    }
}
