import Harness

/// Planners over action sequences (CEM, MPPI, gradient descent, random shooting).
public enum Planners {
    /// Adds this module's components to `registry`; components join this list as they land.
    public static func register(into registry: inout Registry) throws {}
}
