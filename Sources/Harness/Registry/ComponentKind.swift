/// The kinds of swappable component a scenario names by id (`kind/name`, e.g. `planner/cem`).
public enum ComponentKind: String, CaseIterable, Sendable {
    case encoder, predictor, planner, policy

    /// The heading for a list of this kind.
    public var plural: String { self == .policy ? "policies" : rawValue + "s" }
}
