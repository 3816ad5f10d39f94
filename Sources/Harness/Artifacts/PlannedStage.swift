import Data
import Foundation

/// A stage of a scenario's plan: what it produces, its canonical configuration and the key that addresses its
/// output in the cache.
public struct PlannedStage: Sendable {
    public let kind: StageKind
    /// Unique within the plan: `data`, `data:probes`, `pretrain`, `posttrain`, `baseline:NAME`,
    /// `eval:METHOD/TASK/OBJECT/LAB`, `probe:ENCODER`.
    public let name: String
    public let target: StageTarget
    /// The names of the stages whose outputs this one reads.
    public let inputs: [String]
    /// The stage's configuration as canonical JSON (sorted keys), including its inputs' keys.
    public let configuration: String
    /// SHA-256 of `kind` and `configuration`: equal keys mean equal outputs.
    public let key: String


    init(kind: StageKind, name: String, target: StageTarget, inputs: [(name: String, key: String)], configuration: [String: Any]) throws {
        self.kind = kind
        self.name = name
        self.target = target
        self.inputs = inputs.map(\.name)
        var document = configuration
        document["stage"] = kind.rawValue
        document["format"] = kind.formatVersion
        document["inputs"] = Dictionary(uniqueKeysWithValues: inputs.map { ($0.name, $0.key) })
        let bytes = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        self.configuration = String(decoding: bytes, as: UTF8.self)
        key = SHA256.hex(Array(bytes))
    }
}

extension ParameterValue {
    /// The value as a JSON object for canonical configurations.
    var jsonObject: Any {
        switch self {
        case .int(let v): v
        case .double(let v): v
        case .bool(let v): v
        case .string(let v): v
        }
    }
}
