import Data
import Foundation

/// The stages a scenario runs, in dependency order, each with its cache key.
///
/// Planning is the second half of validation: it checks that every stage the scenario needs is available in this
/// build (an unavailable one is an error, never skipped) and resolves every component against the registry
/// (unknown ids or parameters and wrong types are errors at the place they were written).
public struct ScenarioPlan: Sendable {
    public let scenario: Scenario
    public let stages: [PlannedStage]

    /// Plans `scenario` for a build that has the stages in `available`, with the components of `registry`.
    public init(scenario: Scenario, registry: Registry, available: Set<StageKind>) throws {
        self.scenario = scenario
        var stages = [PlannedStage]()
        var keys = [String: String]()
        // Every stage must be available before any component is resolved: an unavailable stage's components are
        // usually missing from the registry too, and the stage is the clearer message.
        func need(_ kind: StageKind, at location: SourceLocation) throws {
            guard available.contains(kind) else {
                let have = StageKind.allCases.filter(available.contains).map(\.rawValue)
                throw ScenarioError("stage \(kind.rawValue), \(kind.summary), is not available yet in this build; this build runs: "
                                    + (have.isEmpty ? "none" : have.joined(separator: ", ")), at: location)
            }
        }
        if let data = scenario.data { try need(.data, at: data.location) }
        if let pretrain = scenario.pretrain { try need(.pretrain, at: pretrain.location) }
        if let posttrain = scenario.posttrain { try need(.posttrain, at: posttrain.location) }
        for baseline in scenario.baselines { try need(.baseline, at: baseline.training.location) }
        if let probes = scenario.probes {
            try need(.probe, at: probes.location)
            if let data = probes.data { try need(.data, at: data.location) }
        }
        for method in scenario.eval?.methods ?? [] {
            switch method.kind {
            case .planner: try need(.evalPlanner, at: method.location)
            case .policy: try need(.evalPolicy, at: method.location)
            case .scripted: try need(.evalScripted, at: method.location)
            }
        }
        func add(_ kind: StageKind, _ name: String, _ target: StageTarget, inputs: [String], _ configuration: [String: Any]) throws {
            let stage = try PlannedStage(kind: kind, name: name, target: target,
                                         inputs: inputs.map { ($0, keys[$0] ?? "") }, configuration: configuration)
            keys[name] = stage.key
            stages.append(stage)
        }
        func component(_ choice: ComponentChoice) throws -> [String: Any] {
            let parameters = try choice.resolved(in: registry)
            return ["id": choice.id, "parameters": parameters.mapValues(\.jsonObject)]
        }
        func source(_ source: ComponentSource, inputs: inout [String]) throws -> [String: Any] {
            switch source {
            case .stage(let name, _):
                let stageName = ["pretrain", "posttrain"].contains(name) ? name : "baseline:" + name
                inputs.append(stageName)
                return ["stage": stageName]
            case .component(let choice):
                return try component(choice)
            }
        }
        func training(_ section: TrainingSection) -> [String: Any] {
            var config: [String: Any] = ["steps": section.steps, "seed": section.seed]
            if let batch = section.batch { config["batch"] = batch }
            if let rate = section.learningRate { config["learning_rate"] = rate }
            config["options"] = section.options.mapValues(\.jsonObject)
            return config
        }

        func dataset(_ name: String, _ data: DataSection) throws {
            let config = try JSONSerialization.jsonObject(with: JSONEncoder().encode(data.config))
            try add(.data, name, .data(data), inputs: [], ["dataset": config])
        }

        if let data = scenario.data { try dataset("data", data) }
        if let pretrain = scenario.pretrain {
            var config = training(pretrain)
            config["encoder"] = try component(pretrain.component)
            try add(.pretrain, "pretrain", .training(pretrain), inputs: ["data"], config)
        }
        if let posttrain = scenario.posttrain, let encoder = posttrain.encoder {
            var inputs = ["data"], config = training(posttrain)
            config["encoder"] = try source(encoder, inputs: &inputs)
            config["predictor"] = try component(posttrain.component)
            try add(.posttrain, "posttrain", .training(posttrain), inputs: inputs, config)
        }
        for baseline in scenario.baselines {
            var inputs = ["data"], config = training(baseline.training)
            if let encoder = baseline.training.encoder { config["encoder"] = try source(encoder, inputs: &inputs) }
            config[baseline.isPolicy ? "policy" : "predictor"] = try component(baseline.training.component)
            try add(.baseline, "baseline:" + baseline.name, .baseline(baseline), inputs: inputs, config)
        }
        if let probes = scenario.probes {
            let probeData = probes.data == nil ? "data" : "data:probes"
            if let data = probes.data { try dataset(probeData, data) }
            for (label, encoder) in probes.encoders {
                var inputs = [probeData]
                let config: [String: Any] = ["encoder": try source(encoder, inputs: &inputs), "tasks": probes.tasks,
                                             "steps": probes.steps, "seed": probes.seed]
                try add(.probe, "probe:" + label, .probe(label: label, source: encoder, probes),
                        inputs: inputs, config)
            }
        }
        if let eval = scenario.eval {
            for evaluation in eval.cellEvaluations {
                let method = evaluation.method
                var inputs = [String](), config: [String: Any] = [
                    "trials": evaluation.trials, "seed": evaluation.seed,
                    "lab": try JSONSerialization.jsonObject(with: JSONEncoder().encode(scenario.lab(named: evaluation.lab))),
                    "cell": ["task": evaluation.cell.task, "object": evaluation.cell.object],
                ]
                let kind: StageKind
                switch method.kind {
                case .planner(let planning):
                    kind = .evalPlanner
                    config["planner"] = try component(planning.planner)
                    config["horizon"] = planning.horizon
                    // Only choices other than the defaults enter the key, so the defaults' cached episodes stay valid.
                    if planning.steps != .adaptive { config["steps"] = planning.steps.rawValue }
                    if planning.gripper != .searched { config["gripper"] = planning.gripper.rawValue }
                    config["encoder"] = try source(planning.encoder, inputs: &inputs)
                    config["predictor"] = try source(planning.predictor, inputs: &inputs)
                case .policy(let baseline, _):
                    kind = .evalPolicy
                    config["policy"] = try source(.stage(baseline, at: method.location), inputs: &inputs)
                case .scripted(let name):
                    kind = .evalScripted
                    config["scripted"] = name
                }
                let name = "eval:\(method.name)/\(evaluation.cell.task)/\(evaluation.cell.object)/\(evaluation.lab)"
                try add(kind, name, .eval(evaluation), inputs: inputs, config)
            }
        }
        self.stages = stages
    }

    /// The stage called `name`.
    public func stage(named name: String) -> PlannedStage? { stages.first { $0.name == name } }
}
