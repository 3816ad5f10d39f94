/// Uniformly random actions, 1.5× wider than the limits so that clipping is exercised, gripper random; for
/// robustness checks. Every step is labelled `move`.
public struct RandomPolicy: ScriptedPolicy {
    private var random: SeededRandom
    private let limits: Action.Limits

    public init(seed: UInt64, limits: Action.Limits = .init()) {
        random = SeededRandom(seed: seed)
        self.limits = limits
    }

    public mutating func next(in world: World) -> PolicyStep {
        let t = 1.5 * limits.translation, r = 1.5 * limits.rotation
        let action = Action(
            translation: [random.uniform(-t...t), random.uniform(-t...t), random.uniform(-t...t)],
            rotation: [random.uniform(-r...r), random.uniform(-r...r), random.uniform(-r...r)],
            gripper: random.uniform(0...1))
        return PolicyStep(action: action, primitive: .move)
    }
}
