import Harness

/// Action-conditioned predictors (the V-JEPA 2-AC block-causal transformer, the simulator oracle).
public enum Predictors {
    /// Adds this module's components to `registry`; components join this list as they land.
    public static func register(into registry: inout Registry) throws {}
}
