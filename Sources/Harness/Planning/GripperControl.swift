/// How the MPC loop sets the gripper command; the hand's rotation is always held.
public enum GripperControl: String, CaseIterable, Sendable {
    /// Searched with the position, as in the paper: the default.
    case searched
    /// Kept at the command in force.
    case held
    /// The command the current sub-goal was arranged with (`Arrangement.gripper`; privileged, read from the task rather
    /// than the goal image). A diagnostic: how far planning the position alone gets when every gripper choice is right.
    case given
}
