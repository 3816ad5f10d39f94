import Foundation
import Sim

/// A resolved, validated scenario: what `jepalab run` does, from data generation to the table.
///
/// Built from a file (with its includes) and command-line overrides by `Scenario.load`; every value has been
/// checked for type and range, every name (task, object, lab, stage reference) against the valid choices. The
/// component ids and parameters are checked against the registry when the run is planned (`ScenarioPlan`).
public struct Scenario: Sendable {
    public static let keys = ["name", "seed", "include", "labs", "data", "pretrain", "posttrain", "baselines", "eval",
                              "probes", "table"]

    public let name: String
    public let seed: UInt64
    /// Inline labs by name (built-in labs are always available by name too).
    public let labs: [String: Lab]
    public let data: DataSection?
    public let pretrain: TrainingSection?
    public let posttrain: TrainingSection?
    public let baselines: [BaselineSection]
    public let eval: EvalSection?
    public let probes: ProbeSection?
    public let table: TableLayout
    /// The merged tree this was read from (after includes and overrides), for the run folder.
    public let tree: ScenarioNode

    /// Reads `path` with its includes, applies `overrides` in order, and validates the result.
    public static func load(_ path: String, overrides: [SetOverride] = [], registry: Registry = Registry()) throws -> Scenario {
        var tree = try ScenarioFile.load(path)
        for override in overrides { tree = try override.apply(to: tree, registry: registry) }
        return try Scenario(tree)
    }

    /// Validates a merged tree.
    public init(_ tree: ScenarioNode) throws {
        self.tree = tree
        let f = try tree.fields("", valid: Scenario.keys)
        name = try f.required("name").string("name")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ScenarioError("name must be letters, digits, '-', '_' or '.' (it names the run folder), got '\(name)'",
                                at: try f.required("name").location)
        }
        let seed = try f.optional("seed")?.seed("seed") ?? 0
        self.seed = seed
        var labs = [String: Lab]()
        if let node = f.optional("labs") {
            for entry in try node.fields("labs", valid: nil).all {
                guard !Lab.builtIn.contains(where: { $0.name == entry.key }) else {
                    throw ScenarioError("lab '\(entry.key)' is built in; give an inline lab a new name and `base: \(entry.key)`",
                                        at: entry.keyLocation)
                }
                labs[entry.key] = try LabDefinition.read(entry.value, name: entry.key, path: "labs.\(entry.key)")
            }
        }
        self.labs = labs
        data = try f.optional("data").map { try DataSection($0, scenarioSeed: seed) }
        let pretrain = try f.optional("pretrain").map { node in
            let p = try node.fields("pretrain", valid: ["encoder"] + TrainingSection.trainingKeys)
            return try TrainingSection(p, component: ComponentChoice(p.required("encoder"), path: p.path("encoder"), kind: .encoder),
                                       encoder: nil, scenarioSeed: seed)
        }
        self.pretrain = pretrain
        let posttrain = try f.optional("posttrain").map { node in
            let p = try node.fields("posttrain", valid: ["predictor", "encoder"] + TrainingSection.trainingKeys)
            let encoder = try p.optional("encoder").map { try ComponentSource.read($0, path: p.path("encoder"), kind: .encoder) }
            guard let source = encoder ?? (pretrain != nil ? .stage("pretrain", at: node.location) : nil) else {
                throw ScenarioError("posttrain needs an encoder: a pretrain section or encoder: {id: encoder/NAME}", at: node.location)
            }
            return try TrainingSection(p, component: ComponentChoice(p.required("predictor"), path: p.path("predictor"), kind: .predictor),
                                       encoder: source, scenarioSeed: seed)
        }
        self.posttrain = posttrain
        baselines = try f.optional("baselines").map { list in
            try list.list("baselines").enumerated().map { try BaselineSection($1, path: "baselines[\($0)]", scenarioSeed: seed) }
        } ?? []
        let labNames = Lab.builtIn.map(\.name) + labs.keys.sorted()
        eval = try f.optional("eval").map {
            try EvalSection($0, scenarioSeed: seed, labNames: labNames, hasPretrain: pretrain != nil, hasPosttrain: posttrain != nil)
        }
        probes = try f.optional("probes").map { try ProbeSection($0, scenarioSeed: seed) }
        table = try f.optional("table").map(TableLayout.init) ?? TableLayout()
        try checkReferences()
    }

    /// The lab called `name`: inline or built in.
    public func lab(named name: String) throws -> Lab {
        if let lab = labs[name] { return lab }
        return try Lab.named(name)
    }

    /// Every stage reference names a stage that exists and has the right kind of output; stages that train need data.
    private func checkReferences() throws {
        var seen = Set<String>()
        for baseline in baselines {
            guard !["pretrain", "posttrain"].contains(baseline.name), seen.insert(baseline.name).inserted else {
                throw ScenarioError("baseline name '\(baseline.name)' is taken; names must be unique and not pretrain or posttrain",
                                    at: baseline.training.location)
            }
        }
        let trainers: [(String, SourceLocation)] = [pretrain.map { ("pretrain", $0.location) }, posttrain.map { ("posttrain", $0.location) }]
            .compactMap { $0 } + baselines.map { ("baselines \($0.name)", $0.training.location) }
            + (probes.map { [("probes", $0.location)] } ?? [])
        if data == nil, let (what, location) = trainers.first {
            throw ScenarioError("\(what) trains on data, but the scenario has no data section", at: location)
        }
        func check(_ source: ComponentSource?, wants kind: ComponentKind) throws {
            guard case .stage(let name, let location)? = source else { return }
            let valid: [String]
            switch kind {
            case .encoder: valid = pretrain != nil ? ["pretrain"] : []
            case .predictor: valid = (posttrain != nil ? ["posttrain"] : []) + baselines.filter { !$0.isPolicy }.map(\.name)
            case .policy: valid = baselines.filter(\.isPolicy).map(\.name)
            case .planner: valid = []
            }
            guard valid.contains(name) else {
                throw ScenarioError("'\(name)' names no \(kind.rawValue) of this scenario; valid: "
                                    + ((valid.isEmpty ? [] : valid) + ["{id: \(kind.rawValue)/NAME}"]).joined(separator: ", "), at: location)
            }
        }
        for baseline in baselines { try check(baseline.training.encoder, wants: .encoder) }
        try check(posttrain?.encoder, wants: .encoder)
        for (_, source) in probes?.encoders ?? [] { try check(source, wants: .encoder) }
        for method in eval?.methods ?? [] {
            switch method.kind {
            case .planner(let planning):
                try check(planning.encoder, wants: .encoder)
                try check(planning.predictor, wants: .predictor)
            case .policy(let name, let location): try check(.stage(name, at: location), wants: .policy)
            case .scripted: break
            }
        }
        if eval == nil, probes == nil {
            throw ScenarioError("the scenario evaluates nothing: give an eval or a probes section", at: tree.location)
        }
    }
}
