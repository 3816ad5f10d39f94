import Harness
import Sim
import Tensor

/// The simulator as a predictor (`predictor/oracle`, the upper bound): for each candidate action sequence it
/// snapshots the world, applies the actions, renders and encodes each resulting frame, and restores the snapshot.
///
/// Its target space is the encoder's own (`targets` is the identity), or with `targetPool` k that of a
/// `predictor/ac` with pool k (average-pooled, layer-normalised), so that an energy can be judged apart from the
/// learned predictor. The context latents and states given to `predict` are ignored: the world itself is the context.
/// Not differentiable.
public struct OraclePredictor: Predictor {
    public let world: World
    public let observe: (World) -> Tensor
    public let targetPool: Int?

    public init(world: World, targetPool: Int? = nil, observe: @escaping (World) -> Tensor) {
        self.world = world
        self.targetPool = targetPool
        self.observe = observe
    }

    public var isDifferentiable: Bool { false }

    public func targets(_ latents: Tensor) -> Tensor {
        guard let targetPool else { return latents }
        let tokens = latents.shape[latents.rank - 2], grid = Int(Double(tokens).squareRoot().rounded())
        precondition(grid * grid == tokens && grid % targetPool == 0,
                     "predictor/oracle: target_pool \(targetPool) does not divide the encoder's \(tokens)-token grid")
        return LatentPooling.targets(latents, grid: grid, pool: targetPool)
    }

    public func predict(latents: Tensor, states: Tensor, actions: Tensor) -> Tensor { simulate(actions) }

    public func rollout(latent: Tensor, state: [Float], actions: Tensor) -> Tensor { simulate(actions) }

    /// `[B, T, 7]` actions → `[B, T, N, D]` latents of the frames after each action, from the current world.
    func simulate(_ actions: Tensor) -> Tensor {
        let (batch, steps) = (actions.shape[0], actions.shape[1])
        let snapshot = world.snapshot()
        defer { restore(snapshot) }
        var frames: [Tensor] = []
        let a = actions.scalars.map(Double.init)
        for b in 0..<batch {
            restore(snapshot)
            for t in 0..<steps {
                let v = Array(a[((b * steps + t) * 7)..<((b * steps + t + 1) * 7)])
                let action = Action(translation: [v[0], v[1], v[2]], rotation: [v[3], v[4], v[5]], gripper: v[6])
                do { try world.apply(action) } catch { preconditionFailure("predictor/oracle: \(error)") }
                frames.append(targets(observe(world)))
            }
        }
        let shape = frames[0].shape
        return Tensor.concatenate(frames.map { $0.reshaped([1] + shape) }, alongAxis: 0).reshaped([batch, steps] + shape)
    }

    private func restore(_ snapshot: WorldSnapshot) {
        do { try world.restore(snapshot) } catch { preconditionFailure("predictor/oracle: \(error)") }
    }
}

/// The registry's `predictor/oracle`: bound to a world by the MPC loop.
public struct OracleBinding: SimulatorPredictor {
    /// `predictor/ac`'s pooling whose target space the energy is measured in (nil: the encoder's latents).
    public var targetPool: Int?

    public init(targetPool: Int? = nil) { self.targetPool = targetPool }

    public func bound(to world: World, observe: @escaping (World) -> Tensor) -> any Predictor {
        OraclePredictor(world: world, targetPool: targetPool, observe: observe)
    }
}
