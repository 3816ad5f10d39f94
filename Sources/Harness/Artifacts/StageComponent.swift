import Data
import Foundation

/// A component a stage builds: a registry id with its parameter values, taken from the scenario as written or from
/// an earlier stage's artifact (the checkpoint that stage wrote, by the output contract of `StageContext`).
public struct StageComponent: Sendable, CustomStringConvertible {
    public let id: String
    public let parameters: [String: ParameterValue]

    public init(id: String, parameters: [String: ParameterValue]) {
        self.id = id
        self.parameters = parameters
    }

    /// Builds the component from `registry`.
    public func make<Component>(in registry: Registry, as type: Component.Type = Component.self) throws -> Component {
        try registry.make(id, as: type, overrides: parameters)
    }

    /// The resolved parameters (the registry's defaults with these values), type-checked.
    public func parameters(in registry: Registry) throws -> Parameters {
        try Parameters(spec: registry.spec(id), overrides: parameters)
    }

    /// `id:key=value,…`, the form commands and records use.
    public var description: String {
        parameters.isEmpty ? id : id + ":" + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The description plus the SHA-256 of every file a parameter names: what a latent cache is keyed by.
    public func identity() throws -> String {
        var identity = description
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard case .string(let path) = value, FileManager.default.fileExists(atPath: path) else { continue }
            identity += "\n\(name)=" + SHA256.hex(try Array(Foundation.Data(contentsOf: URL(fileURLWithPath: path))))
        }
        return identity
    }
}

extension StageContext {
    /// The file an earlier stage wrote, by the output contract: `encoder.safetensors` (pretrain),
    /// `predictor.safetensors` (posttrain), `model.safetensors` (baseline).
    public static func checkpointFile(ofStage name: String) -> String {
        switch name {
        case "pretrain": "encoder.safetensors"
        case "posttrain": "predictor.safetensors"
        default: "model.safetensors"
        }
    }

    /// The component `source` names: as written, or the trained component of the stage it names, loaded from that
    /// stage's checkpoint (`checkpoint=` the artifact's file).
    public func component(_ source: ComponentSource) throws -> StageComponent {
        switch source {
        case .component(let choice):
            return StageComponent(id: choice.id, parameters: choice.parameters)
        case .stage(let name, let location):
            let stageName = ["pretrain", "posttrain"].contains(name) ? name : "baseline:" + name
            let trained: TrainingSection?
            switch name {
            case "pretrain": trained = scenario.pretrain
            case "posttrain": trained = scenario.posttrain
            default: trained = scenario.baselines.first { $0.name == name }?.training
            }
            guard let trained, let folder = inputs[stageName] else {
                throw ScenarioError("\(stage.name) needs the output of the \(stageName) stage, which this run did not produce", at: location)
            }
            var parameters = trained.component.parameters
            parameters["checkpoint"] = .string(folder.appendingPathComponent(StageContext.checkpointFile(ofStage: name)).path)
            return StageComponent(id: trained.component.id, parameters: parameters)
        }
    }
}
