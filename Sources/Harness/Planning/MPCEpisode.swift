import Foundation
import Render
import Sim
import Tensor

/// Model-predictive control toward goal images: observe, encode, plan, execute the first action, repeat for the
/// task's step budget. The planner sees only the energy built from the current frame, state and goal image; the
/// episode always runs its full budget, and success is judged by the simulator afterwards.
///
/// Every search starts with the gripper command of the last action (`PlanningProblem.start`; the position at the
/// middle of its bounds), so that the gripper changes only when the energy prefers it — from the middle of its range,
/// a gripper the goal image hardly shows opened and closed at random, pushing or dropping the object (BENCHMARKS.md,
/// "Grasp with the oracle: grasping in three images").
///
/// By default the position step bound adapts to the observed energy, and a step whose frame scores worse than the best
/// one toward the sub-goal is undone (`StepTrustRegion`); `stepControl = nil` keeps the paper's fixed bound and every
/// step. `gripper` can take the gripper out of the search, as the rotation always is: held at its command in force, or
/// given by the sub-goal (a privileged diagnostic).
///
/// Grasp and pick-and-place plan toward their sub-goal images (`ManipulationTask.goals`) on the fixed schedule of
/// `ManipulationTask.subgoal(at:)`. A schedule rather than an energy threshold, because energies are not calibrated
/// across encoders and labs (a threshold would need tuning per encoder, and the privileged distance must not be used
/// for it).
public struct MPCEpisode {
    public var task: ManipulationTask
    public var lab: Lab
    public var eye: Eye
    public var horizon = 1
    public var bounds = ActionBounds.positionAndGripper()
    /// The box the planned action keeps the hand inside (nil: only the step bounds). Every action of a longer
    /// horizon gets the first one's bounds, so only the executed action is held exactly.
    public var workspace: Workspace? = .tableTop
    /// The step bound that adapts to the observed energy and undoes worse steps, within `bounds` (nil: the fixed
    /// `bounds` and every step kept, as in the paper).
    public var stepControl: StepTrustRegion? = .withinPaperBound
    public var energy: any LatentEnergy = MeanL1Energy()
    /// Searched (as in the paper), held at the command in force, or given by the sub-goal. Holding it keeps the learned
    /// predictor's energy from opening the gripper on a held object, which then falls (BENCHMARKS.md,
    /// "Reach-with-object, and the oracle on every task"); giving it shows what fails in the oracle's grasp besides the
    /// gripper choice (BENCHMARKS.md, "The oracle's grasp with the gripper given").
    public var gripper = GripperControl.searched

    public init(task: ManipulationTask, lab: Lab, eye: Eye) {
        self.task = task
        self.lab = lab
        self.eye = eye
    }

    /// What the episode did.
    public struct Outcome: Sendable {
        public var success: Bool
        /// Planning time per planned action (a step that is undone plans nothing).
        public var secondsPerAction: Double
        public var finalDistance: Double
        public var finalHandDistance: Double
        /// The predicted energy of the chosen action at every step.
        public var energies: [Float] = []
        /// The energy of the frame each chosen action led to, toward the same sub-goal: beside `energies`, the
        /// predictor's one-step error on the executed path.
        public var observedEnergies: [Float] = []
        /// Per executed action, the mean L1 distance (in the predictor's target space) from the predicted to the
        /// observed next frame, and from the current frame to it (copying the frame). Their ratio is the predictor's
        /// one-step error on the planner's own path: zero for the oracle, one for a predictor that learned nothing.
        public var predictionErrors: [Float] = []
        public var copyErrors: [Float] = []
        public var actions: [[Float]] = []
        public var states: [[Float]] = []

        /// Judges the end of the episode in `world` (privileged: success and distances are the simulator's).
        mutating func judge(_ task: ManipulationTask, in world: World) {
            success = task.success(in: world)
            let hand = world.state.position, object = world.observables.objects[task.object.index].position
            finalHandDistance = length(hand - task.goalPosition)
            finalDistance = task.kind == .reach ? finalHandDistance : length(object - task.goalPosition)
        }
    }

    /// The sub-goal planned toward at `step`.
    public func subgoal(at step: Int) -> Int { task.subgoal(at: step) }

    /// Runs the episode. `predictor` gives the predictor for the episode's world (the oracle binds to it; a learned
    /// predictor ignores it). Frames (one per step and the final one) and the goal images go to `frames` when given.
    public func run(predictor: (World) -> any Predictor, planner: inout any Planner, frames: URL? = nil) throws -> Outcome {
        let world = World(task: task, lab: lab)
        let model = predictor(world)
        let goalImages = eye.goalFrames(of: task, in: lab)
        let goals = goalImages.map { model.targets(eye.latents($0)) }
        if let frames {
            try FileManager.default.createDirectory(at: frames, withIntermediateDirectories: true)
            for (k, image) in goalImages.enumerated() { try PNG.write(image, to: frames.appendingPathComponent("goal_\(k).png")) }
        }
        var outcome = Outcome(success: false, secondsPerAction: 0, finalDistance: 0, finalHandDistance: 0)
        var planning = 0.0, planned = 0
        let problems = GoalProblem(predictor: model, energy: energy, horizon: horizon, bounds: bounds)
        func scored(_ latent: Tensor, toward goal: Tensor) -> Float {
            energy(latent.reshaped([1] + latent.shape), goal: goal).scalars[0]
        }
        func distance(_ a: Tensor, _ b: Tensor) -> Float { (a - b).abs().mean().scalars[0] }
        var previous: (latent: Tensor, predicted: Tensor)?
        var command = Float(world.gripperCommand)
        var trust = stepControl
        func observe(_ latent: Tensor) {
            guard let previous else { return }
            outcome.predictionErrors.append(distance(previous.predicted, latent))
            outcome.copyErrors.append(distance(previous.latent, latent))
        }
        for step in 0..<task.steps {
            let image = eye.frame(world)
            if let frames { try PNGSequence.write(image, index: step, to: frames) }
            let state = world.state.vector.map(Float.init)
            let latent = model.targets(eye.latents(image))
            observe(latent)
            let current = subgoal(at: step)
            let energyNow = scored(latent, toward: goals[current])
            if step > 0 {
                let last = subgoal(at: step - 1)
                outcome.observedEnergies.append(last == current ? energyNow : scored(latent, toward: goals[last]))
                if last != current { trust?.reset() }
            }
            let hand = SIMD3(state[0], state[1], state[2])
            if gripper == .given { command = Float(task.goals[current].gripper) }
            let plan: Tensor
            if let anchor = trust?.judge(energy: energyNow, hand: hand, gripper: command) {
                plan = returnPlan(bounds.returning(from: hand, to: anchor))
            } else {
                var problem = problems.problem(latent: latent, state: state, goal: goals[current])
                let stepBounds = trust.map { bounds.limitingPositionSteps(to: $0.radius) } ?? bounds
                let searched = workspace.map { stepBounds.keeping(hand, inside: $0) } ?? stepBounds
                problem.bounds = gripper == .searched ? searched : searched.holding(6, at: command)
                var searchStart = problem.bounds.centre
                searchStart[6] = command
                problem.start = searchStart
                let start = Date()
                plan = try planner.plan(problem)
                planning += Date().timeIntervalSince(start)
                planned += 1
            }
            let first = Array(plan.scalars[0..<7])
            // One rollout of the chosen plan gives both its predicted energy and the first action's predicted frame.
            let rolled = model.rollout(latent: latent, state: state, actions: plan.reshaped([1] + plan.shape))
            let end = rolled.slice(alongAxis: 1, (horizon - 1)..<horizon).reshaped(latent.shape)
            outcome.energies.append(scored(end, toward: goals[subgoal(at: step)]))
            outcome.actions.append(first)
            previous = (latent, rolled.slice(alongAxis: 1, 0..<1).reshaped(latent.shape))
            outcome.states.append(state)
            command = first[6]
            let v = first.map(Double.init)
            try world.apply(Action(translation: [v[0], v[1], v[2]], rotation: [v[3], v[4], v[5]], gripper: v[6]))
        }
        let last = eye.frame(world)
        if let frames { try PNGSequence.write(last, index: task.steps, to: frames) }
        let lastLatent = model.targets(eye.latents(last))
        outcome.observedEnergies.append(scored(lastLatent, toward: goals[subgoal(at: task.steps - 1)]))
        observe(lastLatent)
        outcome.judge(task, in: world)
        outcome.secondsPerAction = planning / Double(max(planned, 1))
        return outcome
    }

    /// A plan of `horizon` actions that takes the `back` step, then holds still with its gripper command.
    private func returnPlan(_ back: [Float]) -> Tensor {
        var still = [Float](repeating: 0, count: 7)
        still[6] = back[6]
        return Tensor(shape: [horizon, 7], scalars: back + Array(repeating: still, count: horizon - 1).joined())
    }
}
