/// The largest position step the MPC loop lets the planner take next, and whether to keep the last one, judged from
/// what the camera saw, as in a trust-region method: a step whose frame scores worse toward the sub-goal than the best
/// frame since the sub-goal began is undone (the hand returns to where that frame was seen, with the gripper command
/// then in force) and the bound halves; a step that scores no worse is kept and the bound grows 1.5×, up to `maxStep`.
///
/// A learned predictor that misjudges a step's effect by a few centimetres makes a fixed ±7.5 cm search overshoot
/// near the goal, and the hand oscillates around it or passes it and wanders off (BENCHMARKS.md, "A step bound that
/// follows the observed energy", "Undoing the steps the camera scores worse"). The region only reads energies of
/// observed frames and the robot's own state, which the planner has anyway; nothing privileged.
public struct StepTrustRegion: Hashable, Sendable {
    /// Where the best frame toward the current sub-goal was seen.
    public struct Anchor: Hashable, Sendable {
        public var energy: Float
        public var hand: SIMD3<Float>
        public var gripper: Float

        public init(energy: Float, hand: SIMD3<Float>, gripper: Float) {
            (self.energy, self.hand, self.gripper) = (energy, hand, gripper)
        }
    }

    public let maxStep: Float
    public let minStep: Float
    /// The bound for the next search, in metres per position axis.
    public private(set) var radius: Float
    /// The best frame since the sub-goal began (nil before its first frame).
    public private(set) var best: Anchor?
    private var returning = false

    /// A bound between `maxStep / 16` and `maxStep`, starting at `maxStep`.
    public init(maxStep: Float) {
        precondition(maxStep > 0, "StepTrustRegion: maxStep must be positive, got \(maxStep)")
        self.maxStep = maxStep
        self.minStep = maxStep / 16
        self.radius = maxStep
    }

    /// The MPC loop's default: from the paper's 7.5 cm (`ActionBounds.paperMaxStep`) down to 4.7 mm.
    public static let withinPaperBound = StepTrustRegion(maxStep: ActionBounds.paperMaxStep)

    /// Judges the frame just observed (its `energy` toward the sub-goal, the `hand` position and `gripper` command that
    /// led to it) and returns the anchor to go back to when the last step is undone, nil when it is kept. The frame
    /// after a return becomes the new anchor as it is, without changing the bound.
    public mutating func judge(energy: Float, hand: SIMD3<Float>, gripper: Float) -> Anchor? {
        let here = Anchor(energy: energy, hand: hand, gripper: gripper)
        guard let best, !returning else {
            (self.best, returning) = (here, false)
            return nil
        }
        if energy > best.energy {
            radius = max(radius / 2, minStep)
            returning = true
            return best
        }
        radius = min(radius * 1.5, maxStep)
        self.best = here
        return nil
    }

    /// Back to the full bound and no anchor: a new sub-goal's energies are not comparable with the last one's.
    public mutating func reset() {
        (radius, best, returning) = (maxStep, nil, false)
    }
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

    /// The action that moves the hand from `hand` back toward `anchor` (each axis within these bounds, the rotation
    /// held) with the anchor's gripper command.
    public func returning(from hand: SIMD3<Float>, to anchor: StepTrustRegion.Anchor) -> [Float] {
        let move = anchor.hand - hand
        return [clip(move.x, axis: 0), clip(move.y, axis: 1), clip(move.z, axis: 2), 0, 0, 0, anchor.gripper]
    }
}
