/// The largest position step the MPC loop lets the planner take next, adapted from what the camera saw: after a step
/// whose frame scores worse toward the sub-goal than the frame before it, the bound halves; after one that scores
/// better, it grows 1.5×, up to `maxStep`.
///
/// A learned predictor that misjudges a step's effect by a few centimetres makes a fixed ±7.5 cm search overshoot
/// near the goal, and the hand oscillates around it (BENCHMARKS.md, "A step bound that follows the observed energy").
/// The bound only reads energies of observed frames, which the planner has anyway; nothing privileged.
public struct StepTrustRegion: Hashable, Sendable {
    public let maxStep: Float
    public let minStep: Float
    /// The bound for the next search, in metres per position axis.
    public private(set) var radius: Float

    /// A bound between `maxStep / 16` and `maxStep`, starting at `maxStep`.
    public init(maxStep: Float) {
        precondition(maxStep > 0, "StepTrustRegion: maxStep must be positive, got \(maxStep)")
        self.maxStep = maxStep
        self.minStep = maxStep / 16
        self.radius = maxStep
    }

    /// The MPC loop's default: from the paper's 7.5 cm (`ActionBounds.paperMaxStep`) down to 4.7 mm.
    public static let withinPaperBound = StepTrustRegion(maxStep: ActionBounds.paperMaxStep)

    /// Adapts the bound to a step that moved the observed energy toward one sub-goal from `before` to `after`.
    public mutating func observe(before: Float, after: Float) {
        radius = after > before ? max(radius / 2, minStep) : min(radius * 1.5, maxStep)
    }

    /// Back to the full bound: a new sub-goal's energies are not comparable with the last one's.
    public mutating func reset() { radius = maxStep }
}

extension ActionBounds {
    /// These bounds with each position step (axes 0–2) kept within `±radius`; other axes are unchanged.
    public func limitingPositionSteps(to radius: Float) -> ActionBounds {
        var bounds = self
        for axis in 0..<3 {
            bounds.lower[axis] = min(max(lower[axis], -radius), upper[axis])
            bounds.upper[axis] = max(min(upper[axis], radius), bounds.lower[axis])
        }
        return bounds
    }
}
