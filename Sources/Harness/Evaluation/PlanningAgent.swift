import Foundation
import Sim

/// The components of latent planning built from the registry, as `jepalab eval --planner` and the scenario
/// `eval-planner` stage use them: the eye (encoder and renderer), the predictor for an episode's world (the oracle
/// binds to it, a learned predictor ignores it) and a fresh planner per trial, seeded `seed + trial`.
public struct PlanningAgent {
    public let eye: Eye
    public let predictor: (World) -> any Predictor
    public let registry: Registry
    public let planner: StageComponent
    /// How the components are named in episode records.
    public let names: (encoder: String, predictor: String, planner: String)

    /// Builds the encoder and predictor; fails with the component's id when one is of the wrong kind.
    public init(encoder: StageComponent, predictor: StageComponent, planner: StageComponent, registry: Registry) throws {
        let model = try WorldModel(encoder: encoder, predictor: predictor, registry: registry)
        (eye, self.predictor) = (model.eye, model.predictor)
        _ = try planner.parameters(in: registry)
        self.registry = registry
        self.planner = planner
        names = (encoder.description, predictor.description, planner.description)
    }

    /// A fresh planner for `trial`, its seed the configured seed plus the trial.
    public func makePlanner(trial: Int) throws -> any Planner {
        var parameters = planner.parameters
        let seed: Int
        if case .int(let value) = parameters["seed"] { seed = value } else { seed = 0 }
        parameters["seed"] = .int(seed &+ trial)
        return try registry.make(planner.id, as: (any Planner).self, overrides: parameters)
    }

    /// Runs `evaluation`'s episodes into `directory` with these components.
    public func run(_ evaluation: PlanningEvaluation, in directory: URL, done: (EpisodeRecord) -> Void = { _ in }) throws {
        try evaluation.run(in: directory, eye: eye, predictor: predictor, makePlanner: makePlanner(trial:), done: done)
    }
}
