import Sim
import Tensor

/// A predictor that needs the live simulator — the oracle. The MPC loop binds it to the episode's world and tells
/// it how to observe a world (render and encode, `[N, D]` latents); the result is an ordinary `Predictor`.
///
/// This is the one declared exception to honest evaluation: it is the upper bound of every table, never a result.
public protocol SimulatorPredictor {
    func bound(to world: World, observe: @escaping (World) -> Tensor) -> any Predictor
}
