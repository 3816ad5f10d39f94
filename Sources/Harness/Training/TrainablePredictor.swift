import Foundation
import NN

/// The shape of a trainable predictor: stored as JSON in its checkpoints, checked when read back.
public protocol PredictorShape: Codable, Equatable, Sendable {
    func validate() throws
}

/// A predictor `PredictionTraining` can train and `PredictorFile` can store: a differentiable module built from its
/// shape.
public protocol TrainablePredictor: Predictor, Module {
    associatedtype Shape: PredictorShape
    /// The registry id written into its checkpoints (`predictor/ac`).
    static var kind: String { get }
    /// Whether training measures prediction errors squared instead of V-JEPA 2-AC's L1.
    static var trainsWithSquaredError: Bool { get }
    var config: Shape { get }
    /// A model of `config` with weights drawn from `seed`.
    init(config: Shape, seed: UInt64)
}

/// Checkpoints of a `TrainablePredictor`: parameters in safetensors with `kind`, the shape (`config`, JSON) and the
/// training step (`step`) in the metadata. Writes are atomic.
public enum PredictorFile<Model: TrainablePredictor> {
    public static func save(_ model: Model, step: Int, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(model.config), as: UTF8.self)
        try Safetensors.write(model.parameters, metadata: ["config": json, "step": String(step), "kind": Model.kind], to: url)
    }

    /// The model stored at `url` and the step it was saved at.
    public static func load(from url: URL) throws -> (model: Model, step: Int) {
        let (tensors, metadata) = try Safetensors.read(from: url)
        guard metadata["kind"] == Model.kind, let json = metadata["config"], let step = metadata["step"].flatMap(Int.init) else {
            throw SafetensorsError.invalid(url.path, "not a \(Model.kind) checkpoint (metadata kind, config, step)")
        }
        let config = try JSONDecoder().decode(Model.Shape.self, from: Foundation.Data(json.utf8))
        try config.validate()
        var model = Model(config: config, seed: 0)
        do { try model.load(tensors) } catch let error as ModuleError {
            throw SafetensorsError.invalid(url.path, error.description)
        }
        return (model, step)
    }
}
