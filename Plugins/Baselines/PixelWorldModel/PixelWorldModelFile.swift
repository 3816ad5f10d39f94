import Foundation
import NN

/// `predictor/pixels` checkpoints: parameters in safetensors with the configuration (`config`, JSON), the training
/// step (`step`) and `kind` in the metadata. Writes are atomic.
public enum PixelWorldModelFile {
    public static let kind = "predictor/pixels"

    public static func save(_ model: PixelWorldModel, step: Int, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(model.config), as: UTF8.self)
        try Safetensors.write(model.parameters, metadata: ["config": json, "step": String(step), "kind": kind], to: url)
    }

    /// The model stored at `url` and the step it was saved at.
    public static func load(from url: URL) throws -> (model: PixelWorldModel, step: Int) {
        let (tensors, metadata) = try Safetensors.read(from: url)
        guard metadata["kind"] == kind, let json = metadata["config"], let step = metadata["step"].flatMap(Int.init) else {
            throw SafetensorsError.invalid(url.path, "not a \(kind) checkpoint (metadata kind, config, step)")
        }
        let config = try JSONDecoder().decode(PixelWorldModelConfig.self, from: Foundation.Data(json.utf8))
        try config.validate()
        var model = PixelWorldModel(config: config, seed: 0)
        do { try model.load(tensors) } catch let error as ModuleError {
            throw SafetensorsError.invalid(url.path, error.description)
        }
        return (model, step)
    }
}
