import Foundation
import NN

/// `predictor/ac` checkpoints: parameters in safetensors with the configuration (`config`, JSON) and the training
/// step (`step`) in the metadata. Writes are atomic.
public enum ACPredictorFile {
    public static func save(_ predictor: ACPredictor, step: Int, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(predictor.config), as: UTF8.self)
        try Safetensors.write(predictor.parameters, metadata: ["config": json, "step": String(step), "kind": "predictor/ac"],
                              to: url)
    }

    /// The predictor stored at `url` and the step it was saved at.
    public static func load(from url: URL) throws -> (predictor: ACPredictor, step: Int) {
        let (tensors, metadata) = try Safetensors.read(from: url)
        guard metadata["kind"] == "predictor/ac", let json = metadata["config"], let step = metadata["step"].flatMap(Int.init)
        else { throw SafetensorsError.invalid(url.path, "not a predictor/ac checkpoint (metadata kind, config, step)") }
        let config = try JSONDecoder().decode(ACPredictorConfig.self, from: Foundation.Data(json.utf8))
        try config.validate()
        var predictor = ACPredictor(config: config, seed: 0)
        do { try predictor.load(tensors) } catch let error as ModuleError {
            throw SafetensorsError.invalid(url.path, error.description)
        }
        return (predictor, step)
    }
}
