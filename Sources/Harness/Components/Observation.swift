import Render

/// What an agent sees at one step: the camera frame and the end effector's proprioceptive state.
///
/// `state` is `[x, y, z, roll, pitch, yaw, gripper]` (metres, radians, gripper 0 open … 1 closed), as in Droid.
public struct Observation: Sendable {
    public var frame: RGBImage
    public var state: [Float]

    public init(frame: RGBImage, state: [Float]) {
        precondition(state.count == Observation.stateWidth, "Observation: state has \(state.count) values, not 7")
        self.frame = frame
        self.state = state
    }

    /// Values in a state and in an action.
    public static let stateWidth = 7
}
