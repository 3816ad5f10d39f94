import Harness

/// Baselines: the Octo-style goal-image policy and the pixel-space world model.
public enum Baselines {
    /// Adds this module's components to `registry`; components join this list as they land.
    public static func register(into registry: inout Registry) throws {}

    /// The scenario `baseline` stage with a trainer for every baseline of this module.
    public static let stage = BaselineStage(trainers: [:])
}
