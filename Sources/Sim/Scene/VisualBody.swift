/// One drawable primitive of the scene in world coordinates: what the renderer needs to know about a body.
///
/// World frame: z up, the table top at z = 0, the arm's base at the origin facing +x, y to the arm's left.
/// Units are metres.
public struct VisualBody: Hashable, Sendable {
    /// A primitive in the body's local frame, centred on its origin; cylinders and capsules run along local z.
    public enum Shape: Hashable, Sendable {
        case box(size: SIMD3<Double>)
        case cylinder(radius: Double, length: Double)
        /// A cylinder with hemispherical caps; `length` excludes the caps.
        case capsule(radius: Double, length: Double)
        case sphere(radius: Double)
        /// An open cup: a hollow cylinder with a floor, walls `wall` thick.
        case cup(radius: Double, height: Double, wall: Double)
    }

    /// What the body is, which decides its colour under a `Lab`.
    public enum Part: Hashable, Sendable {
        case table
        case tableLeg
        case armBase
        /// Link `index` of the arm, 1…7.
        case armLink(Int)
        case hand
        case finger
        case cup
        case box
        /// Distractor `index` of the lab's distractor list.
        case distractor(Int)
    }

    public var shape: Shape
    public var pose: Pose
    public var part: Part

    public init(shape: Shape, pose: Pose, part: Part) {
        self.shape = shape
        self.pose = pose
        self.part = part
    }
}
