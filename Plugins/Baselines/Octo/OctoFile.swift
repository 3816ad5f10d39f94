import Foundation
import NN

/// `policy/octo` checkpoints: parameters in safetensors, with the shape (`config`), the dataset statistics
/// (`normalization`, both JSON) and the training step (`step`) in the metadata. Writes are atomic.
public enum OctoFile {
    public static let kind = "policy/octo"

    public static func save(_ model: OctoModel, normalization: OctoNormalization, step: Int, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let config = String(decoding: try encoder.encode(model.config), as: UTF8.self)
        let statistics = String(decoding: try encoder.encode(normalization), as: UTF8.self)
        try Safetensors.write(model.parameters, metadata: ["kind": kind, "config": config, "normalization": statistics,
                                                           "step": String(step)], to: url)
    }

    /// The model stored at `url`, its normalisation and the step it was saved at.
    public static func load(from url: URL) throws -> (model: OctoModel, normalization: OctoNormalization, step: Int) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw OctoError.invalid("\(url.path): no such policy checkpoint; train one with jepalab posttrain --policy policy/octo")
        }
        let (tensors, metadata) = try Safetensors.read(from: url)
        guard metadata["kind"] == kind, let config = metadata["config"], let statistics = metadata["normalization"],
              let step = metadata["step"].flatMap(Int.init) else {
            throw OctoError.invalid("\(url.path): not a \(kind) checkpoint (metadata kind, config, normalization, step)")
        }
        let decoder = JSONDecoder()
        let shape = try decoder.decode(OctoConfig.self, from: Foundation.Data(config.utf8))
        try shape.validate()
        let normalization = try decoder.decode(OctoNormalization.self, from: Foundation.Data(statistics.utf8))
        var model = OctoModel(config: shape, seed: 0)
        do { try model.load(tensors) } catch let error as ModuleError {
            throw OctoError.invalid("\(url.path): \(error.description)")
        }
        return (model, normalization, step)
    }
}
