import Tensor

/// An action-conditioned world model in an encoder's representation space.
///
/// Predictions live in the predictor's *target space*: `targets` maps encoder latents there (the AC predictor
/// pools and layer-normalises them), and both context and goal latents are mapped before use. Actions are state
/// deltas `[dx, dy, dz, droll, dpitch, dyaw, gripper]` whose gripper entry is the commanded opening, so the state
/// after an action is `state + action` on the first six axes and `action[6]` on the gripper (`nextState`).
public protocol Predictor {
    /// Encoder latents `[…, N, D]` in the space predictions live in, `[…, N', D']`.
    func targets(_ latents: Tensor) -> Tensor

    /// Teacher-forced prediction: from target-space latents `[B, T, N', D']` of frames `0..<T`, states `[B, T, 7]`
    /// and actions `[B, T, 7]`, the latents of frames `1...T`, `[B, T, N', D']`. The output for step `t` depends
    /// on steps `0...t` only.
    func predict(latents: Tensor, states: Tensor, actions: Tensor) -> Tensor

    /// Autoregressive rollout from one observed frame: `latent` `[N', D']` (target space) and `state` (7 values),
    /// for `B` candidate action sequences `[B, H, 7]`; the predicted latents of the `H` following frames,
    /// `[B, H, N', D']`. Each prediction is fed back as the next step's context.
    func rollout(latent: Tensor, state: [Float], actions: Tensor) -> Tensor

    /// Whether gradients flow from the predictions back to the actions (false for the simulator oracle).
    var isDifferentiable: Bool { get }
}

extension Predictor {
    public var isDifferentiable: Bool { true }

    public func rollout(latent: Tensor, state: [Float], actions: Tensor) -> Tensor {
        precondition(actions.rank == 3 && actions.shape[2] == Observation.stateWidth,
                     "Predictor.rollout: actions \(actions.shape) are not [B, H, 7]")
        let (batch, horizon) = (actions.shape[0], actions.shape[1])
        let states = PredictorStates.integrate(state, actions)
        var context = PredictorStates.repeated(latent, times: batch).reshaped([batch, 1] + latent.shape)
        var predictions: [Tensor] = []
        for step in 0..<horizon {
            let output = predict(latents: context, states: states.slice(alongAxis: 1, 0..<(step + 1)),
                                 actions: actions.slice(alongAxis: 1, 0..<(step + 1)))
            let next = output.slice(alongAxis: 1, step..<(step + 1))
            predictions.append(next)
            context = Tensor.concatenate([context, next], alongAxis: 1)
        }
        return Tensor.concatenate(predictions, alongAxis: 1)
    }
}

/// State bookkeeping shared by predictors and planners.
public enum PredictorStates {
    /// The fixed input scale learned predictors apply to actions: position deltas in units of 7.5 cm, rotation
    /// deltas in units of 0.25 rad (the default action bounds), the gripper command as is.
    public static let actionScale = Tensor(shape: [7], scalars: [1 / 0.075, 1 / 0.075, 1 / 0.075, 4, 4, 4, 1])

    /// The state after `action`: position and angles add the deltas, the gripper takes the commanded value.
    public static func nextState(_ state: [Float], _ action: [Float]) -> [Float] {
        (0..<6).map { state[$0] + action[$0] } + [action[6]]
    }

    /// The states at the start of each step of every sequence: `[B, H, 7]` with `states[b, 0] = state` and
    /// `states[b, h] = states[b, h − 1] ⊙ (1, 1, 1, 1, 1, 1, 0) + actions[b, h − 1]` (differentiable in the actions).
    public static func integrate(_ state: [Float], _ actions: Tensor) -> Tensor {
        let batch = actions.shape[0]
        let keep = Tensor(shape: [1, 1, 7], scalars: [1, 1, 1, 1, 1, 1, 0])
        var current = repeated(Tensor(shape: [1, 7], scalars: state), times: batch)
        var states = [current]
        for h in 1..<max(actions.shape[1], 1) {
            current = current * keep + actions.slice(alongAxis: 1, (h - 1)..<h)
            states.append(current)
        }
        return Tensor.concatenate(states, alongAxis: 1)
    }

    /// `x` stacked `times` times along a new leading axis.
    public static func repeated(_ x: Tensor, times: Int) -> Tensor {
        var scalars: [Float] = []
        scalars.reserveCapacity(x.count * times)
        for _ in 0..<times { scalars.append(contentsOf: x.scalars) }
        return Tensor(shape: [times] + x.shape, scalars: scalars)
    }
}
