import Tensor

/// Builds the planning problem of reaching a goal image: the energy of a candidate action sequence is the
/// distance (`LatentEnergy`) between the predictor's latent after the last action and the goal's latent.
///
/// The planner gets only the resulting `PlanningProblem`; the predictor, the goal and the current observation stay
/// inside its closures.
public struct GoalProblem {
    public var predictor: any Predictor
    public var energy: any LatentEnergy
    public var horizon: Int
    public var bounds: ActionBounds

    public init(predictor: any Predictor, energy: any LatentEnergy = MeanL1Energy(), horizon: Int = 1,
                bounds: ActionBounds = .positionAndGripper()) {
        self.predictor = predictor
        self.energy = energy
        self.horizon = horizon
        self.bounds = bounds
    }

    /// The problem from the current frame's latent and the goal's latent (both in the predictor's target space,
    /// `[N', D']`) and the current state.
    public func problem(latent: Tensor, state: [Float], goal: Tensor) -> PlanningProblem {
        let (predictor, energy, horizon) = (self.predictor, self.energy, self.horizon)
        func energies(_ actions: Tensor) -> Tensor {
            let rolled = predictor.rollout(latent: latent, state: state, actions: actions)
            let last = rolled.slice(alongAxis: 1, (horizon - 1)..<horizon)
            return energy(last.reshaped([actions.shape[0]] + goal.shape), goal: goal)
        }
        var gradient: ((Tensor) -> (energies: Tensor, gradient: Tensor))?
        if predictor.isDifferentiable {
            gradient = { actions in
                var values = Tensor(0)
                let (_, grads) = Tensor.valueWithGradient(at: [actions]) { inputs in
                    let e = energies(inputs[0])
                    values = e.detached
                    return e.sum()
                }
                return (values, grads[0])
            }
        }
        return PlanningProblem(horizon: horizon, bounds: bounds, energy: energies, energyGradient: gradient)
    }
}
