import Sim
import Tensor

/// How well a predictor tells actions apart, measured against the simulator on counterfactual actions.
///
/// From the start of reach tasks in a lab, `actions` random position steps within `±maxStep` per axis (rotation held,
/// gripper kept) are each executed by the simulator (the oracle: snapshot, apply, render, encode, restore) and
/// predicted by the predictor, both compared in the predictor's target space. Planning ranks candidate actions, so
/// what matters is how the predictions vary *across actions* at one state, not the one-step error on the data's own
/// actions: a predictor can fit its training clips and still rank actions poorly.
public struct ActionSensitivity: Sendable {
    /// Means over the states measured; distances in the predictor's target space (mean L1 per value) unless noted.
    public struct Report: Sendable, Equatable {
        public var states = 0
        public var actions = 0
        /// How much the observed next frame depends on the action: mean |true_k − mean_k true|.
        public var signal = 0.0
        /// How much the prediction depends on the action: mean |predicted_k − mean_k predicted|.
        public var spread = 0.0
        /// Cosine between the predicted and the true deviations from their means over actions (1: same direction).
        public var cosine = 0.0
        /// The part of the prediction error that changes with the action: mean |error_k − mean_k error|.
        public var actionDependentError = 0.0
        /// Metres between action j and the action whose prediction is nearest (L1) to action j's true frame, averaged
        /// over j: how far a one-step planner lands from a goal it could reach exactly. 0 for the simulator.
        public var goalMiss = 0.0
        /// The same for an action picked at random: the mean distance between two candidate actions.
        public var chanceMiss = 0.0
    }

    public var lab: Lab
    public var states = 12
    public var actions = 64
    public var maxStep = ActionBounds.paperMaxStep
    public var seed: UInt64 = 0

    public init(lab: Lab) { self.lab = lab }

    /// Measures `predictor` against `simulator` (both bound to each state's world, as `WorldModel` gives them; the
    /// simulator predicts in the encoder's own space, e.g. `predictor/oracle`), both seeing through `eye`.
    public func measure(eye: Eye, predictor: (World) -> any Predictor, simulator: (World) -> any Predictor) -> Report {
        precondition(states > 0 && actions > 1 && maxStep > 0, "ActionSensitivity: needs states > 0, actions > 1, maxStep > 0")
        var total = Report()
        for index in 0..<states {
            let stateSeed = SeededRandom.derive(seed, UInt64(index))
            let world = World(task: ManipulationTask(kind: .reach, object: .cup, seed: stateSeed), lab: lab)
            let model = predictor(world)
            let state = world.state.vector.map(Float.init)
            let steps = randomSteps(state: state, seed: SeededRandom.derive(stateSeed, 1))
            let candidates = Tensor(shape: [actions, 1, 7], scalars: steps.flatMap { $0 })
            let latents = eye.latents(eye.frame(world))
            let truth = model.targets(simulator(world).rollout(latent: latents, state: state, actions: candidates))
            let predicted = model.rollout(latent: model.targets(latents), state: state, actions: candidates)
            let one = Self.compare(truth: truth.scalars, predicted: predicted.scalars, steps: steps)
            total.signal += one.signal
            total.spread += one.spread
            total.cosine += one.cosine
            total.actionDependentError += one.actionDependentError
            total.goalMiss += one.goalMiss
            total.chanceMiss += one.chanceMiss
        }
        let n = Double(states)
        return Report(states: states, actions: actions, signal: total.signal / n, spread: total.spread / n,
                      cosine: total.cosine / n, actionDependentError: total.actionDependentError / n,
                      goalMiss: total.goalMiss / n, chanceMiss: total.chanceMiss / n)
    }

    /// `actions` position steps drawn from `seed`, rotation held, the gripper command keeping its current state.
    private func randomSteps(state: [Float], seed: UInt64) -> [[Float]] {
        var random = SeededRandom(seed: seed)
        let gripper: Float = state[6] > 0.5 ? 1 : 0
        return (0..<actions).map { _ in
            (0..<3).map { _ in Float(random.uniform(-Double(maxStep)...Double(maxStep))) } + [0, 0, 0, gripper]
        }
    }

    /// The report of one state from true and predicted latents, `K` rows of `F` values each, and the `K` steps.
    public static func compare(truth: [Float], predicted: [Float], steps: [[Float]]) -> Report {
        let k = steps.count, f = truth.count / k
        precondition(truth.count == k * f && predicted.count == truth.count,
                     "ActionSensitivity: \(k) steps, \(truth.count) true and \(predicted.count) predicted values")
        func column(_ x: [Float], _ j: Int) -> Double { (0..<k).reduce(0.0) { $0 + Double(x[$1 * f + j]) } / Double(k) }
        var report = Report(states: 1, actions: k)
        var dot = 0.0, trueNorm = 0.0, predictedNorm = 0.0
        for j in 0..<f {
            let meanTrue = column(truth, j), meanPredicted = column(predicted, j)
            for i in 0..<k {
                let t = Double(truth[i * f + j]) - meanTrue, p = Double(predicted[i * f + j]) - meanPredicted
                report.signal += abs(t)
                report.spread += abs(p)
                report.actionDependentError += abs(p - t)
                dot += p * t
                trueNorm += t * t
                predictedNorm += p * p
            }
        }
        let values = Double(k * f)
        report.signal /= values
        report.spread /= values
        report.actionDependentError /= values
        report.cosine = trueNorm > 0 && predictedNorm > 0 ? dot / (trueNorm * predictedNorm).squareRoot() : 0
        func metres(_ a: Int, _ b: Int) -> Double {
            (0..<3).reduce(0.0) { $0 + Double((steps[a][$1] - steps[b][$1]) * (steps[a][$1] - steps[b][$1])) }.squareRoot()
        }
        for goal in 0..<k {
            var best = 0, bestDistance = Double.infinity
            for candidate in 0..<k {
                var distance = 0.0
                for j in 0..<f { distance += Double(abs(predicted[candidate * f + j] - truth[goal * f + j])) }
                if distance < bestDistance { (best, bestDistance) = (candidate, distance) }
            }
            report.goalMiss += metres(best, goal) / Double(k)
            report.chanceMiss += (0..<k).reduce(0.0) { $0 + metres($1, goal) } / Double(k * k)
        }
        return report
    }
}
