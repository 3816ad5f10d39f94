import Harness

/// Planners over action sequences (CEM, MPPI, gradient descent, random shooting).
public enum Planners {
    /// Adds this module's components to `registry`.
    public static func register(into registry: inout Registry) throws {
        let seed = ComponentSpec.Parameter("seed", .int(0), "seed of the planner's random stream")
        try registry.register(ComponentSpec(
            id: "planner/cem", summary: "cross-entropy method with momentum (V-JEPA 2-AC's planner)",
            parameters: [.init("samples", .int(800), "action sequences per iteration"),
                         .init("iterations", .int(10), "refinements of the Gaussian"),
                         .init("elites", .int(10), "lowest-energy samples the Gaussian is refit to"),
                         .init("momentum_mean", .double(0.15), "share of the old mean kept each iteration"),
                         .init("momentum_std", .double(0.15), "share of the old deviation kept each iteration"), seed])
        ) { p -> any Planner in
            try CEMPlanner(samples: p.int("samples"), iterations: p.int("iterations"), elites: p.int("elites"),
                           meanMomentum: Float(p.double("momentum_mean")), stdMomentum: Float(p.double("momentum_std")),
                           seed: UInt64(p.int("seed")))
        }
        try registry.register(ComponentSpec(
            id: "planner/mppi", summary: "model-predictive path integral control (softmax-weighted elites)",
            parameters: [.init("samples", .int(800), "action sequences per iteration"),
                         .init("iterations", .int(10), "refinements of the Gaussian"),
                         .init("elites", .int(64), "lowest-energy samples that get a weight"),
                         .init("temperature", .double(0.1), "softmax temperature relative to the elites' energy range"),
                         .init("momentum", .double(0.1), "share of the old mean and deviation kept"), seed])
        ) { p -> any Planner in
            try MPPIPlanner(samples: p.int("samples"), iterations: p.int("iterations"), elites: p.int("elites"),
                            temperature: Float(p.double("temperature")), momentum: Float(p.double("momentum")),
                            seed: UInt64(p.int("seed")))
        }
        try registry.register(ComponentSpec(
            id: "planner/gradient", summary: "Adam on the action sequence through a differentiable predictor",
            parameters: [.init("iterations", .int(30), "Adam steps"),
                         .init("restarts", .int(16), "sequences optimised in parallel from uniform starts"),
                         .init("learning_rate", .double(0.01), "Adam step size in action units"), seed])
        ) { p -> any Planner in
            try GradientPlanner(iterations: p.int("iterations"), restarts: p.int("restarts"),
                                learningRate: Float(p.double("learning_rate")), seed: UInt64(p.int("seed")))
        }
        try registry.register(ComponentSpec(
            id: "planner/random-shooting", summary: "best of uniformly drawn action sequences",
            parameters: [.init("samples", .int(800), "sequences per batch"),
                         .init("batches", .int(10), "batches evaluated"), seed])
        ) { p -> any Planner in
            try RandomShootingPlanner(samples: p.int("samples"), batches: p.int("batches"), seed: UInt64(p.int("seed")))
        }
    }
}
