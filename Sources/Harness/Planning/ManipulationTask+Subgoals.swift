import Sim

extension ManipulationTask {
    /// The goal image an agent is steered toward at `step`: goal `k` of `K` during steps `[k·S/K, (k+1)·S/K)` of the
    /// `S`-step budget (grasp: above the object, around it, closed on it, lifted; pick-and-place: the same three, then
    /// near the target, placed). A fixed schedule rather than a threshold, because energies and policies have no
    /// calibrated notion of "reached".
    public func subgoal(at step: Int) -> Int { min(goals.count - 1, step * goals.count / steps) }
}
