import Harness
import Tensor

/// The block-causality contract of an action-conditioned predictor, checked the same way for every model: its
/// prediction at step `t` depends on steps `0...t` only, and on the action at `t` itself.
public struct StepCausality {
    /// For each `t` but the last: whether replacing every input after `t` by `other`'s kept the predictions of
    /// steps `0...t` bit for bit (`past`) and changed those after `t` (`future`).
    public let steps: [(past: Bool, future: Bool)]
    /// Whether nudging the first step's action changed the first step's prediction.
    public let actionMatters: Bool

    /// Checks `predictor` on `inputs` and `other` (latents, states, actions, each `[B, T, …]`).
    public init(_ predictor: some Predictor, inputs: (Tensor, Tensor, Tensor), other: (Tensor, Tensor, Tensor)) {
        let (z, s, a) = inputs, (z2, s2, a2) = other
        let count = z.shape[1]
        let base = predictor.predict(latents: z, states: s, actions: a)
        steps = (0..<(count - 1)).map { t in
            func mix(_ x: Tensor, _ y: Tensor) -> Tensor {
                Tensor.concatenate([x.slice(alongAxis: 1, 0..<(t + 1)), y.slice(alongAxis: 1, (t + 1)..<count)], alongAxis: 1)
            }
            let changed = predictor.predict(latents: mix(z, z2), states: mix(s, s2), actions: mix(a, a2))
            return (changed.slice(alongAxis: 1, 0..<(t + 1)).scalars == base.slice(alongAxis: 1, 0..<(t + 1)).scalars,
                    changed.slice(alongAxis: 1, (t + 1)..<count).scalars != base.slice(alongAxis: 1, (t + 1)..<count).scalars)
        }
        var nudged = a
        nudged[0, 0, 0] += 0.05
        actionMatters = predictor.predict(latents: z, states: s, actions: nudged).slice(alongAxis: 1, 0..<1).scalars
            != base.slice(alongAxis: 1, 0..<1).scalars
    }
}
