/// What touched one object during one recorded step (stored as the `contact` array, uint8 `[T, K]`).
///
/// The flags of step `t` cover every physics step since step `t - 1` (for `t = 0`, the initial state), so that a
/// brief contact between two recorded frames is not lost.
public struct ContactFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Some part of the arm or gripper touched the object.
    public static let touch = ContactFlags(rawValue: 1)
    /// Both fingers touched the object at the same physics step: it was pinched between them.
    public static let pinch = ContactFlags(rawValue: 2)
}
