/// A rigid placement: a rotation followed by a translation, mapping a body's local frame to the world frame.
public struct Pose: Hashable, Sendable {
    public var position: SIMD3<Double>
    public var rotation: Rotation

    public init(position: SIMD3<Double> = .zero, rotation: Rotation = .identity) {
        self.position = position
        self.rotation = rotation
    }

    public static let identity = Pose()

    /// A point given in the local frame, in world coordinates.
    public func apply(_ point: SIMD3<Double>) -> SIMD3<Double> { position + rotation.apply(point) }

    /// The composition `self · other` (`other` is expressed in this pose's frame).
    public func composed(with other: Pose) -> Pose {
        Pose(position: apply(other.position), rotation: rotation.composed(with: other.rotation))
    }
}
