import Foundation
import Harness

/// Action-conditioned predictors (the V-JEPA 2-AC block-causal transformer, the simulator oracle).
public enum Predictors {
    /// Adds this module's components to `registry`.
    public static func register(into registry: inout Registry) throws {
        try registry.register(ComponentSpec(
            id: "predictor/ac", summary: "V-JEPA 2-AC block-causal transformer over [action, state, patches] steps",
            parameters: [.init("checkpoint", .string(""), "a checkpoint written by jepalab posttrain (required to plan)"),
                         .init("pool", .int(2), "average pooling of the encoder's token grid (tokens per frame ÷ pool²)"),
                         .init("width", .int(128), "transformer width"),
                         .init("depth", .int(4), "transformer blocks"),
                         .init("heads", .int(4), "attention heads"),
                         .init("residual", .bool(false), "predict each patch token's change, added to the current token"),
                         .init("seed", .int(0), "initialisation seed of a new predictor")])
        ) { p -> any Predictor in
            let path = p.string("checkpoint")
            guard !path.isEmpty else {
                throw PlanningError.invalidParameter(
                    "predictor/ac needs checkpoint=PATH to plan with; train one with jepalab posttrain")
            }
            return try PredictorFile<ACPredictor>.load(from: URL(fileURLWithPath: path)).model
        }
        try registry.register(ComponentSpec(
            id: "predictor/oracle",
            summary: "the simulator itself: snapshot, apply, render, encode (upper bound, privileged)",
            parameters: [.init("target_pool", .int(0), "0: energies on the encoder's latents; k: in predictor/ac's target space with pool k")])
        ) { p -> any SimulatorPredictor in
            let pool = p.int("target_pool")
            guard pool >= 0 else { throw PlanningError.invalidParameter("predictor/oracle: target_pool must be ≥ 0, got \(pool)") }
            return OracleBinding(targetPool: pool == 0 ? nil : pool)
        }
    }
}
