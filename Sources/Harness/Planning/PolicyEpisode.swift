import Foundation
import Render
import Sim

/// A policy acting toward goal images: observe (camera frame and state), act, repeat for the task's step budget,
/// with the goal images and sub-goal schedule of `MPCEpisode`, so policies and planners meet the same episodes and
/// fill the same records. The policy sees only the frame, the state and the current goal image; the episode always
/// runs its full budget, and success is judged by the simulator afterwards.
public struct PolicyEpisode {
    public var task: ManipulationTask
    public var lab: Lab
    public var renderer = Renderer()

    public init(task: ManipulationTask, lab: Lab) {
        self.task = task
        self.lab = lab
    }

    /// Runs the episode with `policy` (which should be fresh: it keeps its own history). Frames (one per step and the
    /// final one) and the goal images go to `frames` when given. `energies` and `observedEnergies` stay empty: a policy has none.
    public func run(policy: inout any Policy, frames: URL? = nil) throws -> MPCEpisode.Outcome {
        let size = policy.imageSize
        func frame(_ world: World) -> RGBImage { renderer.render(world.visualBodies, lab: lab, width: size, height: size) }
        let world = World(task: task, lab: lab)
        let goals = task.goals.map { frame(World(lab: lab, arrangement: $0)) }
        if let frames {
            try FileManager.default.createDirectory(at: frames, withIntermediateDirectories: true)
            for (k, goal) in goals.enumerated() { try PNG.write(goal, to: frames.appendingPathComponent("goal_\(k).png")) }
        }
        var outcome = MPCEpisode.Outcome(success: false, secondsPerAction: 0, finalDistance: 0, finalHandDistance: 0)
        var acting = 0.0
        for step in 0..<task.steps {
            let image = frame(world)
            if let frames { try PNGSequence.write(image, index: step, to: frames) }
            let state = world.state.vector.map(Float.init)
            let start = Date()
            let action = try policy.act(Observation(frame: image, state: state), goal: goals[task.subgoal(at: step)])
            acting += Date().timeIntervalSince(start)
            guard action.count == Observation.stateWidth, action.allSatisfy(\.isFinite) else {
                throw EvaluationError.invalid("step \(step): the policy returned \(action), not 7 finite values")
            }
            outcome.actions.append(action)
            outcome.states.append(state)
            let v = action.map(Double.init)
            try world.apply(Action(translation: [v[0], v[1], v[2]], rotation: [v[3], v[4], v[5]], gripper: v[6]))
        }
        if let frames { try PNGSequence.write(frame(world), index: task.steps, to: frames) }
        outcome.judge(task, in: world)
        outcome.secondsPerAction = acting / Double(task.steps)
        return outcome
    }
}
