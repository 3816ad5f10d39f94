import Data

/// Where a stage gets a component from: an artifact of another stage of the scenario (`pretrain`, `posttrain`, or a
/// baseline's name), or a component built from the registry as is (`{id: encoder/pixels}`).
public enum ComponentSource: Hashable, Sendable, CustomStringConvertible {
    case stage(String, at: SourceLocation)
    case component(ComponentChoice)

    static func read(_ node: ScenarioNode, path: String, kind: ComponentKind) throws -> ComponentSource {
        if case .scalar(let text, _) = node.content, !text.contains("/") { return .stage(text, at: node.location) }
        return .component(try ComponentChoice(node, path: path, kind: kind))
    }

    public var description: String {
        switch self {
        case .stage(let name, _): "the \(name) stage's output"
        case .component(let choice): choice.description
        }
    }
}

/// `data:` — the dataset every training stage reads.
public struct DataSection: Sendable {
    public static let keys = ["episodes", "frames", "size", "lab", "appearance", "policy", "seed"]
    public static let policies = ["play", "expert"]
    public let config: DatasetConfig
    public let location: SourceLocation

    init(_ node: ScenarioNode, path: String = "data", scenarioSeed: UInt64) throws {
        let f = try node.fields(path, valid: DataSection.keys)
        let episodes = try f.required("episodes").int(f.path("episodes"), atLeast: 1)
        let frames = try f.optional("frames")?.int(f.path("frames"), atLeast: 2) ?? 32
        let size = try f.optional("size")?.int(f.path("size"), atLeast: 8) ?? 64
        let lab = try f.optional("lab")?.choice(f.path("lab"), of: Lab.builtIn.map(\.name), what: "lab (data are recorded in built-in labs)") ?? "train"
        let policy = try f.optional("policy")?.choice(f.path("policy"), of: DataSection.policies, what: "policy") ?? "play"
        let appearance = try f.optional("appearance").map {
            try $0.choice(f.path("appearance"), of: DatasetConfig.Appearance.allCases.map(\.rawValue), what: "appearance")
        }.flatMap(DatasetConfig.Appearance.init(rawValue:)) ?? .fixed
        let seed = try f.optional("seed")?.seed(f.path("seed")) ?? scenarioSeed
        do {
            config = try DatasetConfig(episodes: episodes, seed: seed, lab: lab, policy: policy, frames: frames, size: size,
                                       appearance: appearance)
        } catch let error as DataError {
            throw ScenarioError("\(path): \(error.description)", at: node.location)
        }
        location = node.location
    }
}

/// `pretrain:`, `posttrain:` and each of `baselines:` — a component trained for a number of steps.
public struct TrainingSection: Sendable {
    /// The component trained (an encoder, a predictor or a policy).
    public let component: ComponentChoice
    /// The frozen encoder it trains on (nil for pre-training, which trains the encoder itself).
    public let encoder: ComponentSource?
    public let steps: Int
    public let batch: Int?
    public let learningRate: Double?
    public let seed: UInt64
    /// Stage-specific training settings (`options: {width: 64, clip_frames: 8}`), passed to the stage, which checks
    /// them when it runs; they are part of the stage's cache key.
    public let options: [String: ParameterValue]
    public let location: SourceLocation

    static let trainingKeys = ["steps", "batch", "learning_rate", "seed", "options"]

    init(_ f: ScenarioNode.Fields, component: ComponentChoice, encoder: ComponentSource?, scenarioSeed: UInt64) throws {
        self.component = component
        self.encoder = encoder
        steps = try f.required("steps").int(f.path("steps"), atLeast: 1)
        batch = try f.optional("batch")?.int(f.path("batch"), atLeast: 1)
        learningRate = try f.optional("learning_rate")?.double(f.path("learning_rate"), in: 1e-9...1)
        seed = try f.optional("seed")?.seed(f.path("seed")) ?? scenarioSeed
        var options = [String: ParameterValue]()
        if let node = f.optional("options") {
            let o = try node.fields(f.path("options"), valid: nil)
            for entry in o.all {
                guard let value = entry.value.parameterValue else {
                    throw ScenarioError("\(o.path(entry.key)) must be a single value, got a \(entry.value.typeName)", at: entry.value.location)
                }
                options[entry.key] = value
            }
        }
        self.options = options
        location = f.node.location
    }
}

/// One of `baselines:` — a policy or a predictor trained on the same data, named so `eval` methods can use it.
public struct BaselineSection: Sendable {
    public static let keys = ["name", "policy", "predictor", "encoder"] + TrainingSection.trainingKeys
    public let name: String
    public let training: TrainingSection
    /// Whether the baseline is a policy (acts) or a predictor (is planned with).
    public var isPolicy: Bool { training.component.id.hasPrefix("policy/") }

    init(_ node: ScenarioNode, path: String, scenarioSeed: UInt64) throws {
        let f = try node.fields(path, valid: BaselineSection.keys)
        name = try f.required("name").string(f.path("name"))
        let component: ComponentChoice
        switch (f.optional("policy"), f.optional("predictor")) {
        case (let policy?, nil): component = try ComponentChoice(policy, path: f.path("policy"), kind: .policy)
        case (nil, let predictor?): component = try ComponentChoice(predictor, path: f.path("predictor"), kind: .predictor)
        default: throw ScenarioError("\(path) needs exactly one of 'policy' and 'predictor'", at: node.location)
        }
        let encoder = try f.optional("encoder").map { try ComponentSource.read($0, path: f.path("encoder"), kind: .encoder) }
        training = try TrainingSection(f, component: component, encoder: encoder, scenarioSeed: scenarioSeed)
    }
}

/// `probes:` — attentive-probe accuracy of encoders on the motion and anticipation tasks.
public struct ProbeSection: Sendable {
    public static let keys = ["tasks", "encoders", "steps", "seed", "data"]
    public static let tasks = ["motion", "anticipation"]
    public let tasks: [String]
    /// The probes' own dataset (e.g. a lab the encoders never saw); without it, the scenario's `data`.
    public let data: DataSection?
    /// Each encoder with the label its rows get.
    public let encoders: [(label: String, source: ComponentSource)]
    public let steps: Int
    public let seed: UInt64
    public let location: SourceLocation

    init(_ node: ScenarioNode, scenarioSeed: UInt64) throws {
        let f = try node.fields("probes", valid: ProbeSection.keys)
        tasks = try f.optional("tasks").map { list in
            try list.list(f.path("tasks")).map { try $0.choice(f.path("tasks"), of: ProbeSection.tasks, what: "probe task") }
        } ?? ProbeSection.tasks
        encoders = try f.required("encoders").list(f.path("encoders")).enumerated().map { i, item in
            let source = try ComponentSource.read(item, path: f.path("encoders") + "[\(i)]", kind: .encoder)
            switch source {
            case .stage(let name, _): return (name, source)
            case .component(let choice): return (choice.id, source)
            }
        }
        guard !encoders.isEmpty else { throw ScenarioError("probes.encoders must name at least one encoder", at: node.location) }
        steps = try f.required("steps").int(f.path("steps"), atLeast: 1)
        seed = try f.optional("seed")?.seed(f.path("seed")) ?? scenarioSeed
        data = try f.optional("data").map { try DataSection($0, path: f.path("data"), scenarioSeed: scenarioSeed) }
        location = node.location
    }
}
