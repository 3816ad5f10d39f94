import Sim

/// An encoder and a predictor built from the registry: how a frame is seen (`eye`) and the predictor for a world
/// (the oracle binds to it, a learned predictor ignores it).
public struct WorldModel {
    public let eye: Eye
    public let predictor: (World) -> any Predictor

    /// Builds both; fails with the component's id when the predictor is not one.
    public init(encoder: StageComponent, predictor: StageComponent, registry: Registry) throws {
        let eye = Eye(encoder: try encoder.make(in: registry, as: (any Encoder).self))
        let made: Any = try predictor.make(in: registry, as: Any.self)
        if let simulator = made as? any SimulatorPredictor {
            self.predictor = Self.binding(simulator, eye: eye)
        } else if let model = made as? any Predictor {
            self.predictor = { _ in model }
        } else {
            throw EvaluationError.invalid("\(predictor.id) is not a predictor")
        }
        self.eye = eye
    }

    /// `simulator` bound to each world it is given, observing through `eye`.
    public static func binding(_ simulator: any SimulatorPredictor, eye: Eye) -> (World) -> any Predictor {
        { world in simulator.bound(to: world, observe: { eye.latents(eye.frame($0)) }) }
    }
}
