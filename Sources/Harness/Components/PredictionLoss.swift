import Tensor

/// V-JEPA 2-AC's post-training loss of a predictor on clips of `T` frames, in its target space: teacher-forcing L1
/// plus rollout L1, equal weights. Any `Predictor` trained this way (the latent predictor, the pixel-space
/// baseline) uses it.
public struct PredictionLoss {
    /// Teacher-forcing L1 plus rollout L1.
    public let total: Tensor
    /// Frames `1..<T` predicted from the true frames `0..<T−1`.
    public let teacherForcing: Tensor
    /// Frames `1...rolloutSteps` predicted from frame 0 alone, each prediction fed back as context.
    public let rollout: Tensor
}

extension Predictor {
    /// The loss for `latents` `[B, T, N', D']` (target space), `states` and `actions` `[B, T, 7]`; `distance` is
    /// the mean L1 distance unless another is given (`Tensor.mseLoss`).
    public func loss(latents: Tensor, states: Tensor, actions: Tensor, rolloutSteps: Int = 2,
                     distance: (Tensor, Tensor) -> Tensor = Tensor.l1Loss) -> PredictionLoss {
        let steps = latents.shape[1]
        precondition(steps > rolloutSteps && rolloutSteps >= 1,
                     "Predictor.loss: clips of \(steps) frames cannot give \(rolloutSteps) rollout steps")
        let context = 0..<(steps - 1)
        let forced = predict(latents: latents.slice(alongAxis: 1, context), states: states.slice(alongAxis: 1, context),
                             actions: actions.slice(alongAxis: 1, context))
        let teacherForcing = distance(forced, latents.slice(alongAxis: 1, 1..<steps))
        var rolled = latents.slice(alongAxis: 1, 0..<1)
        for n in 0..<rolloutSteps {
            let output = predict(latents: rolled, states: states.slice(alongAxis: 1, 0..<(n + 1)),
                                 actions: actions.slice(alongAxis: 1, 0..<(n + 1)))
            rolled = Tensor.concatenate([rolled, output.slice(alongAxis: 1, n..<(n + 1))], alongAxis: 1)
        }
        let rollout = distance(rolled.slice(alongAxis: 1, 1..<(rolloutSteps + 1)),
                                    latents.slice(alongAxis: 1, 1..<(rolloutSteps + 1)))
        return PredictionLoss(total: teacherForcing + rollout, teacherForcing: teacherForcing, rollout: rollout)
    }
}
