import Foundation
import Sim

/// A trained policy built from the registry, as `jepalab eval --policy` and the scenario `eval-policy` stage use it:
/// built (and its checkpoint loaded) once, a fresh copy acting in each episode. Records name it as the planner, with
/// `none` for the encoder and predictor it does not have.
public struct PolicyAgent {
    public let policy: any Policy
    public let names: (encoder: String, predictor: String, planner: String)

    /// Builds `policy`; fails with its id when it is not a policy.
    public init(policy: StageComponent, registry: Registry) throws {
        let made: Any = try policy.make(in: registry, as: Any.self)
        guard let built = made as? any Policy else { throw EvaluationError.invalid("\(policy.id) is not a policy") }
        self.policy = built
        names = (EpisodeRecord.absent, EpisodeRecord.absent, policy.description)
    }

    /// Runs `evaluation`'s episodes into `directory` with a fresh copy of the policy each.
    public func run(_ evaluation: PlanningEvaluation, in directory: URL, done: (EpisodeRecord) -> Void = { _ in }) throws {
        try evaluation.run(in: directory, done: done) { task, _, frames in
            var fresh = policy
            return try PolicyEpisode(task: task, lab: evaluation.lab).run(policy: &fresh, frames: frames)
        }
    }
}
