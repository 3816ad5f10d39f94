import Foundation

/// A learning rate as a function of the optimizer step (0-based).
public protocol LearningRateSchedule: Sendable {
    func callAsFunction(_ step: Int) -> Float
}

/// Linear warm-up from `start` to `peak`, a constant phase at `peak`, then a linear decay to `final` (V-JEPA 2's
/// warmup–constant–decay); `final` thereafter.
public struct WarmupConstantDecay: LearningRateSchedule {
    public var start: Float, peak: Float, final: Float
    public var warmupSteps: Int, constantSteps: Int, decaySteps: Int

    public init(start: Float = 0, peak: Float, final: Float = 0, warmupSteps: Int, constantSteps: Int, decaySteps: Int) {
        (self.start, self.peak, self.final) = (start, peak, final)
        (self.warmupSteps, self.constantSteps, self.decaySteps) = (warmupSteps, constantSteps, decaySteps)
    }

    public func callAsFunction(_ step: Int) -> Float {
        if step < warmupSteps { return start + (peak - start) * Float(step) / Float(warmupSteps) }
        let intoDecay = step - warmupSteps - constantSteps
        if intoDecay < 0 { return peak }
        if intoDecay >= decaySteps { return final }
        return peak + (final - peak) * Float(intoDecay) / Float(decaySteps)
    }
}

/// Linear warm-up from `start` to `peak`, then a half cosine from `peak` down to `final` at `totalSteps`.
public struct CosineSchedule: LearningRateSchedule {
    public var start: Float, peak: Float, final: Float
    public var warmupSteps: Int, totalSteps: Int

    public init(start: Float = 0, peak: Float, final: Float = 0, warmupSteps: Int, totalSteps: Int) {
        precondition(totalSteps > warmupSteps, "CosineSchedule: totalSteps \(totalSteps) must exceed warmupSteps \(warmupSteps)")
        (self.start, self.peak, self.final) = (start, peak, final)
        (self.warmupSteps, self.totalSteps) = (warmupSteps, totalSteps)
    }

    public func callAsFunction(_ step: Int) -> Float {
        if step < warmupSteps { return start + (peak - start) * Float(step) / Float(warmupSteps) }
        let progress = min(1, Float(step - warmupSteps) / Float(totalSteps - warmupSteps))
        return final + (peak - final) * 0.5 * (1 + Foundation.cos(Float.pi * progress))
    }
}
