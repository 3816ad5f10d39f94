/// Scaling gradients so that their global L2 norm (over all parameters together) stays within a bound.
public enum GradientClipping {
    /// The global L2 norm of all gradients (accumulated in Double).
    public static func globalNorm(_ gradients: NamedTensors) -> Float {
        let total = gradients.values.reduce(0.0) { sum, g in
            g.withUnsafeBufferPointer { p in p.reduce(sum) { $0 + Double($1) * Double($1) } }
        }
        return Float(total.squareRoot())
    }

    /// Scales every gradient by `maxNorm / norm` when the global norm exceeds `maxNorm`; returns the norm before.
    @discardableResult
    public static func clipByGlobalNorm(_ gradients: inout NamedTensors, maxNorm: Float) -> Float {
        let norm = globalNorm(gradients)
        guard norm > maxNorm, norm > 0 else { return norm }
        let scale = maxNorm / norm
        for key in gradients.keys { gradients[key] = gradients[key]! * scale }
        return norm
    }
}
