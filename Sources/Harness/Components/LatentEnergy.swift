import Tensor

/// How far predicted latents are from a goal's: lower is closer. Differentiable (built from `Tensor` operations).
public protocol LatentEnergy {
    /// Predicted latents `[B, N, D]` against goal latents `[N, D]` → one energy per sample `[B]`.
    func callAsFunction(_ predicted: Tensor, goal: Tensor) -> Tensor
}

/// The paper's energy: the mean absolute difference over all tokens and channels.
public struct MeanL1Energy: LatentEnergy {
    public init() {}

    public func callAsFunction(_ predicted: Tensor, goal: Tensor) -> Tensor {
        precondition(Array(predicted.shape.dropFirst()) == goal.shape,
                     "MeanL1Energy: predicted \(predicted.shape) does not match goal \(goal.shape)")
        let batch = predicted.shape[0]
        return (predicted - goal.reshaped([1] + goal.shape)).abs().reshaped([batch, -1]).mean(alongAxis: 1)
    }
}
