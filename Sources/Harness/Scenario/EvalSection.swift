import Sim

/// One task × object cell of an evaluation (run in every lab of the section).
public struct EvalCell: Hashable, Sendable, Codable {
    public let task: String
    public let object: String

    public init(task: String, object: String) {
        self.task = task
        self.object = object
    }
}

/// How an evaluated method acts.
public enum EvalMethodKind: Sendable {
    /// Plan toward goal images.
    case planner(PlannerMethod)
    /// Act with the trained policy of the baseline called `baseline`.
    case policy(baseline: String, at: SourceLocation)
    /// The scripted expert: privileged state, the simulator's sanity check (not a learned method).
    case scripted(String)
}

/// A planning method: `planner` over `predictor`'s rollouts of `encoder`'s latents, `horizon` actions ahead, its
/// position steps bounded as `steps` says and its gripper searched, held or given as `gripper` says.
public struct PlannerMethod: Sendable {
    /// How the MPC loop bounds each planned position step.
    public enum StepBound: String, CaseIterable, Sendable {
        /// Follows the observed energy and undoes worse steps (`StepTrustRegion`): the default.
        case adaptive
        /// The paper's fixed ±7.5 cm per axis.
        case fixed

        /// The step control a `PlanningEvaluation` runs with (nil: the fixed bound).
        public var control: StepTrustRegion? {
            switch self {
            case .adaptive: .withinPaperBound
            case .fixed: nil
            }
        }
    }

    public let planner: ComponentChoice
    public let horizon: Int
    public let steps: StepBound
    public let gripper: GripperControl
    public let encoder: ComponentSource
    public let predictor: ComponentSource
}

/// One row of methods under `eval.methods`.
public struct EvalMethod: Sendable {
    public static let keys = ["name", "planner", "horizon", "steps", "gripper", "encoder", "predictor", "policy", "scripted",
                              "paper"]
    public static let scripted = ["expert"]
    public let name: String
    public let kind: EvalMethodKind
    /// The paper's row this method reproduces, for `report.md` (e.g. `V-JEPA 2-AC`).
    public let paper: String?
    public let location: SourceLocation

    init(_ node: ScenarioNode, path: String, hasPretrain: Bool, hasPosttrain: Bool) throws {
        let f = try node.fields(path, valid: EvalMethod.keys)
        location = node.location
        paper = try f.optional("paper")?.string(f.path("paper"))
        let given = ["planner", "policy", "scripted"].filter { f.optional($0) != nil }
        guard given.count == 1 else {
            throw ScenarioError("\(path) needs exactly one of planner, policy, scripted; got "
                                + (given.isEmpty ? "none" : given.joined(separator: ", ")), at: node.location)
        }
        switch given[0] {
        case "planner":
            let planner = try ComponentChoice(f.required("planner"), path: f.path("planner"), kind: .planner)
            let horizon = try f.optional("horizon")?.int(f.path("horizon"), atLeast: 1) ?? 1
            func choice<Option: RawRepresentable & CaseIterable>(_ key: String, _ what: String, or value: Option) throws
                -> Option where Option.RawValue == String {
                guard let node = f.optional(key) else { return value }
                return Option(rawValue: try node.choice(f.path(key), of: Option.allCases.map(\.rawValue), what: what))!
            }
            let steps = try choice("steps", "step bound", or: PlannerMethod.StepBound.adaptive)
            let gripper = try choice("gripper", "gripper control", or: GripperControl.searched)
            func source(_ key: String, kind: ComponentKind, stage: String, present: Bool) throws -> ComponentSource {
                if let node = f.optional(key) { return try ComponentSource.read(node, path: f.path(key), kind: kind) }
                guard present else {
                    throw ScenarioError("\(path) plans without '\(key)' and the scenario has no \(stage) stage to take it from; "
                                        + "give \(key): {id: \(kind.rawValue)/NAME}", at: node.location)
                }
                return .stage(stage, at: node.location)
            }
            kind = .planner(PlannerMethod(
                planner: planner, horizon: horizon, steps: steps, gripper: gripper,
                encoder: try source("encoder", kind: .encoder, stage: "pretrain", present: hasPretrain),
                predictor: try source("predictor", kind: .predictor, stage: "posttrain", present: hasPosttrain)))
        case "policy":
            let policy = try f.required("policy")
            kind = .policy(baseline: try policy.string(f.path("policy")), at: policy.location)
        default:
            kind = .scripted(try f.required("scripted").choice(f.path("scripted"), of: EvalMethod.scripted, what: "scripted policy"))
        }
        let plannerKeys = ["horizon", "steps", "gripper", "encoder", "predictor"]
        for key in plannerKeys where given[0] != "planner" && f.optional(key) != nil {
            throw ScenarioError("\(f.path(key)) applies only to planner methods", at: try f.required(key).location)
        }
        name = try f.required("name").string(f.path("name"))
    }
}

/// `eval:` — methods run on task × object cells in labs, `trials` episodes per cell.
public struct EvalSection: Sendable {
    public static let keys = ["trials", "seed", "tasks", "objects", "cells", "labs", "methods"]
    public let trials: Int
    public let seed: UInt64
    public let cells: [EvalCell]
    public let labs: [String]
    public let methods: [EvalMethod]
    public let location: SourceLocation

    init(_ node: ScenarioNode, scenarioSeed: UInt64, labNames: [String], hasPretrain: Bool, hasPosttrain: Bool) throws {
        let f = try node.fields("eval", valid: EvalSection.keys)
        location = node.location
        trials = try f.required("trials").int(f.path("trials"), atLeast: 1)
        seed = try f.optional("seed")?.seed(f.path("seed")) ?? scenarioSeed
        let taskNames = ManipulationTask.Kind.allCases.map(\.rawValue), objectNames = SceneObject.allCases.map(\.rawValue)
        func names(_ key: String, _ valid: [String], what: String) throws -> [String]? {
            try f.optional(key).map { list in
                let items = try list.list(f.path(key))
                guard !items.isEmpty else { throw ScenarioError("\(f.path(key)) must not be empty", at: list.location) }
                return try items.map { try $0.choice(f.path(key), of: valid, what: what) }
            }
        }
        if let list = f.optional("cells") {
            guard f.optional("tasks") == nil, f.optional("objects") == nil else {
                throw ScenarioError("eval takes either cells or tasks × objects, not both", at: list.location)
            }
            cells = try list.list(f.path("cells")).enumerated().map { i, item in
                let p = f.path("cells") + "[\(i)]"
                let c = try item.fields(p, valid: ["task", "object"])
                return EvalCell(task: try c.required("task").choice(c.path("task"), of: taskNames, what: "task"),
                                object: try c.required("object").choice(c.path("object"), of: objectNames, what: "object"))
            }
        } else {
            let tasks = try names("tasks", taskNames, what: "task") ?? taskNames
            let objects = try names("objects", objectNames, what: "object") ?? objectNames
            cells = tasks.flatMap { task in objects.map { EvalCell(task: task, object: $0) } }
        }
        guard !cells.isEmpty else { throw ScenarioError("eval has no cells", at: node.location) }
        labs = try names("labs", labNames, what: "lab") ?? ["train"]
        let methodNodes = try f.required("methods").list(f.path("methods"))
        methods = try methodNodes.enumerated().map { i, item in
            try EvalMethod(item, path: f.path("methods") + "[\(i)]", hasPretrain: hasPretrain, hasPosttrain: hasPosttrain)
        }
        guard !methods.isEmpty else { throw ScenarioError("eval.methods must list at least one method", at: node.location) }
        var seen = Set<String>()
        for method in methods where !seen.insert(method.name).inserted {
            throw ScenarioError("two eval methods are called '\(method.name)'; names must be unique", at: method.location)
        }
    }
}
