import Foundation

/// The kinds of pipeline stage a scenario runs; each has its own folder in the cache (`cache/<kind>/<key>/`).
public enum StageKind: String, CaseIterable, Sendable, Codable {
    case data, pretrain, posttrain, baseline
    case evalPlanner = "eval-planner"
    case evalPolicy = "eval-policy"
    case evalScripted = "eval-scripted"
    case probe

    /// Bumped when the meaning of the kind's configuration or the behaviour behind it changes, so that artifacts made
    /// before are not reused. Evaluations: 2 since the workspace's height limit came down to 0.45 m, planning 3 since
    /// planned steps keep the hand inside `Workspace.tableTop`, 4 since searches start at the gripper command in
    /// force and the step bound follows the observed energy, 5 since steps the camera scores worse are undone; every
    /// stage that runs the simulator (data and evaluations) one more since the arm's joints have rotor inertia and
    /// one more since the hand is turned so that the fingers open along x; probes: 2 since features are standardised.
    /// Training stages follow their data through its key.
    public var formatVersion: Int {
        switch self {
        case .evalPlanner: 7
        case .evalPolicy, .evalScripted: 4
        case .data: 3
        case .probe: 2
        case .pretrain, .posttrain, .baseline: 1
        }
    }

    /// What the stage does and which command does the same by hand.
    public var summary: String {
        switch self {
        case .data: "dataset generation (jepalab generate)"
        case .pretrain: "encoder pre-training (jepalab pretrain)"
        case .posttrain: "predictor post-training (jepalab posttrain)"
        case .baseline: "baseline training (jepalab posttrain)"
        case .evalPlanner: "evaluation with a planner (jepalab eval)"
        case .evalPolicy: "evaluation with a trained policy (jepalab eval)"
        case .evalScripted: "evaluation of the scripted expert (jepalab eval)"
        case .probe: "attentive-probe evaluation (jepalab probe)"
        }
    }
}

/// What a stage is asked to produce.
public enum StageTarget: Sendable {
    case data(DataSection)
    /// Pre-training or post-training (the stage's kind tells which).
    case training(TrainingSection)
    case baseline(BaselineSection)
    /// One method's trials in one cell of one lab.
    case eval(CellEvaluation)
    /// One encoder's probes.
    case probe(label: String, source: ComponentSource, ProbeSection)
}

/// Everything a stage needs to run: its target, the folder to write, the folders of the stages it depends on.
///
/// Output contracts, which downstream stages and the reports rely on: `data` writes a dataset folder (manifest.json
/// and episode files, `jepalab generate`'s layout); `pretrain` writes `encoder.safetensors`; `posttrain` writes
/// `predictor.safetensors`; `baseline` writes `model.safetensors`; training stages may write `curve.csv`
/// (`step,loss` rows, plotted in the run folder); `eval-*` and `probe` write `trials.jsonl` (`TrialRecords`).
public struct StageContext {
    public let scenario: Scenario
    public let stage: PlannedStage
    /// The folder to write the output into: `cache/<kind>/<key>/`.
    public let directory: URL
    /// The output folders of the stages this one depends on, by stage name (`data`, `pretrain`, `baseline:octo`, …).
    public let inputs: [String: URL]
    /// True when an interrupted run left the folder without its completion marker: continue from what is there.
    public let resuming: Bool
    public let registry: Registry
    public let log: RunLog
}

/// One step of the pipeline: a library entry point that turns a target and its inputs into files in a folder.
///
/// Stages must be deterministic for their configuration, write their files atomically, and resume when asked:
/// the cache marks the folder complete only after `run` returns.
public protocol Stage: Sendable {
    func run(_ context: StageContext) throws
}
