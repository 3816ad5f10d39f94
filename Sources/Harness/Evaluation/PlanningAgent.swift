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
        let eye = Eye(encoder: try encoder.make(in: registry, as: (any Encoder).self))
        let made: Any = try predictor.make(in: registry, as: Any.self)
        if let binding = made as? any SimulatorPredictor {
            self.predictor = { world in binding.bound(to: world, observe: { eye.latents(eye.frame($0)) }) }
        } else if let model = made as? any Predictor {
            self.predictor = { _ in model }
        } else {
            throw EvaluationError.invalid("\(predictor.id) is not a predictor")
        }
        _ = try planner.parameters(in: registry)
        self.eye = eye
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
