/// An exponential moving average of a student's weights into a teacher's (V-JEPA's target encoder):
/// `teacher ← m · teacher + (1 − m) · student`, with the momentum `m` rising linearly from `start` to `end` over
/// `steps` updates and staying at `end` after.
public struct EMA: Sendable {
    public var start: Float
    public var end: Float
    public var steps: Int

    public init(start: Float, end: Float, steps: Int) {
        (self.start, self.end, self.steps) = (start, end, steps)
    }

    /// A constant momentum.
    public init(momentum: Float) { self.init(start: momentum, end: momentum, steps: 1) }

    /// The momentum at update `step` (0-based).
    public func momentum(at step: Int) -> Float {
        steps <= 0 ? end : start + (end - start) * Float(min(step, steps)) / Float(steps)
    }

    /// Moves every teacher parameter toward the student's parameter of the same name.
    public func update<M: Module>(teacher: inout M, student: M, step: Int) {
        let m = momentum(at: step)
        let source = student.parameters
        teacher.visitParameters(prefix: "") { name, t in
            guard let s = source[name] else { preconditionFailure("EMA: the student has no parameter \(name)") }
            precondition(s.shape == t.shape, "EMA: \(name) is \(s.shape) in the student, \(t.shape) in the teacher")
            t.withUnsafeMutableBufferPointer { tp in
                s.withUnsafeBufferPointer { sp in
                    for i in 0..<tp.count { tp[i] = m * tp[i] + (1 - m) * sp[i] }
                }
            }
        }
    }
}
