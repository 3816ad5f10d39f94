/// A scripted controller that reads the world's privileged state: the task expert and the play policy.
/// Planners and learned policies never get a `World`; they get observations.
public protocol ScriptedPolicy {
    /// The next action and the primitive it belongs to.
    mutating func next(in world: World) -> PolicyStep
}

/// One step of a scripted policy.
public struct PolicyStep: Hashable, Sendable {
    public var action: Action
    public var primitive: Primitive
    public init(action: Action, primitive: Primitive) {
        self.action = action
        self.primitive = primitive
    }
}

extension World {
    /// Applies `steps` actions of `policy`, returning each step taken.
    @discardableResult
    public func run<P: ScriptedPolicy>(_ policy: inout P, steps: Int) throws -> [PolicyStep] {
        var taken: [PolicyStep] = []
        for _ in 0..<steps {
            let step = policy.next(in: self)
            try apply(step.action)
            taken.append(step)
        }
        return taken
    }
}
