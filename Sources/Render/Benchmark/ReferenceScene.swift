import Sim

/// A fixed, hand-built Panda-like scene — table with legs, arm, gripper, cup and box — with a lab to view it in.
///
/// It exists so that the renderer can be benchmarked and tested without the simulator: the arm's links follow the
/// Panda's published kinematics (`PANDA.md`) as capsules between joint origins, the hand is a box and the fingers are
/// two thin boxes. World frame as in `VisualBody`: z up, table top at z = 0, the arm's base at the origin facing +x.
public struct ReferenceScene: Sendable {
    /// Joint angles q1…q7 in radians.
    public var joints: [Double]
    /// Distance between the fingers in metres (0…0.08).
    public var gripperOpening: Double
    public var cupPose: Pose
    public var boxPose: Pose

    /// The Panda's ready pose: the grasp point about 0.31 m in front of the base, 0.49 m up, pointing down.
    public static let home: [Double] = [0, -.pi / 4, 0, -3 * .pi / 4, 0, .pi / 2, .pi / 4]
    public static let cupShape = VisualBody.Shape.cup(radius: 0.035, height: 0.09, wall: 0.005)
    public static let boxShape = VisualBody.Shape.box(size: [0.05, 0.05, 0.05])

    public init(
        joints: [Double] = ReferenceScene.home, gripperOpening: Double = 0.08,
        cupPose: Pose = Pose(position: [0.45, 0.18, 0.045]),
        boxPose: Pose = Pose(position: [0.52, -0.16, 0.025], rotation: Rotation(roll: 0, pitch: 0, yaw: 0.4))
    ) {
        precondition(joints.count == 7, "a Panda-like arm has 7 joints, got \(joints.count)")
        self.joints = joints
        self.gripperOpening = gripperOpening
        self.cupPose = cupPose
        self.boxPose = boxPose
    }

    /// The frames of joints 1…7 and of the flange, by the modified Denavit–Hartenberg parameters.
    public var jointFrames: [Pose] {
        let a: [Double] = [0, 0, 0, 0.0825, -0.0825, 0, 0.088, 0]
        let d: [Double] = [0.333, 0, 0.316, 0, 0.384, 0, 0, 0.107]
        let alpha: [Double] = [0, -.pi / 2, .pi / 2, .pi / 2, -.pi / 2, .pi / 2, .pi / 2, 0]
        var frame = Pose.identity, frames: [Pose] = []
        for i in 0..<8 {
            frame = frame
                .composed(with: Pose(rotation: Rotation(roll: alpha[i], pitch: 0, yaw: 0)))
                .composed(with: Pose(position: [a[i], 0, 0], rotation: Rotation(roll: 0, pitch: 0, yaw: i < 7 ? joints[i] : 0)))
                .composed(with: Pose(position: [0, 0, d[i]]))
            frames.append(frame)
        }
        return frames
    }

    /// The hand's frame: the flange turned by −π/4 about its z axis; the fingers slide along its y axis.
    public var handFrame: Pose {
        jointFrames[7].composed(with: Pose(rotation: Rotation(roll: 0, pitch: 0, yaw: -.pi / 4)))
    }

    /// The point between the fingertips, 0.1034 m along the hand's z axis from the flange.
    public var graspPoint: Pose { handFrame.composed(with: Pose(position: [0, 0, 0.1034])) }

    /// The drawable bodies, table first.
    public var bodies: [VisualBody] {
        var bodies = [VisualBody(shape: .box(size: [1.0, 1.2, 0.04]), pose: Pose(position: [0.35, 0, -0.02]), part: .table)]
        for (x, y) in [(-0.12, -0.56), (-0.12, 0.56), (0.82, -0.56), (0.82, 0.56)] {
            bodies.append(VisualBody(shape: .box(size: [0.05, 0.05, 0.68]), pose: Pose(position: [x, y, -0.38]),
                                     part: .tableLeg))
        }
        bodies.append(VisualBody(shape: .cylinder(radius: 0.08, length: 0.1), pose: Pose(position: [0, 0, 0.05]),
                                 part: .armBase))
        let f = jointFrames
        let origin = f.map(\.position)
        func link(_ from: SIMD3<Double>, _ to: SIMD3<Double>, radius: Double, _ index: Int) {
            bodies.append(Self.capsule(from: from, to: to, radius: radius, part: .armLink(index)))
        }
        func knuckle(_ frame: Pose, length: Double, radius: Double, _ index: Int) {
            link(frame.apply([0, 0, -length / 2]), frame.apply([0, 0, length / 2]), radius: radius, index)
        }
        let elbowBack = f[3].apply([-0.0825, 0, 0])  // where the forearm leaves the elbow
        link([0, 0, 0.1], origin[0], radius: 0.06, 1)
        knuckle(f[1], length: 0.11, radius: 0.06, 2)
        link(origin[1], origin[2], radius: 0.055, 3)
        link(origin[2], origin[3], radius: 0.05, 3)
        knuckle(f[3], length: 0.1, radius: 0.055, 4)
        link(origin[3], elbowBack, radius: 0.05, 5)
        link(elbowBack, origin[4], radius: 0.05, 5)
        knuckle(f[5], length: 0.09, radius: 0.05, 6)
        link(origin[5], origin[6], radius: 0.045, 6)
        link(origin[6], origin[7], radius: 0.042, 7)
        let hand = handFrame
        bodies.append(VisualBody(shape: .box(size: [0.06, 0.2, 0.06]), pose: hand.composed(with: Pose(position: [0, 0, 0.03])),
                                 part: .hand))
        let opening = min(max(gripperOpening, 0), 0.08)
        for side in [-1.0, 1.0] {
            let centre = SIMD3<Double>(0, side * (opening / 2 + 0.008), 0.0584 + 0.025)
            bodies.append(VisualBody(shape: .box(size: [0.022, 0.016, 0.05]), pose: hand.composed(with: Pose(position: centre)),
                                     part: .finger))
        }
        bodies.append(VisualBody(shape: Self.cupShape, pose: cupPose, part: .cup))
        bodies.append(VisualBody(shape: Self.boxShape, pose: boxPose, part: .box))
        return bodies
    }

    /// A plain wooden table in daylight, seen from the arm's right side and a little in front, as an exterior camera.
    public static let lab = Lab(
        name: "reference", tableColour: .init(0.62, 0.46, 0.3), floorColour: .init(0.22, 0.22, 0.24),
        background: .init(0.72, 0.8, 0.88), armColour: .init(0.9, 0.9, 0.88), fingerColour: .init(0.1, 0.1, 0.11),
        cupColour: .init(0.8, 0.1, 0.07), boxColour: .init(0.08, 0.28, 0.8),
        light: .init(direction: [0.35, -0.45, 1], intensity: 0.75, ambient: 0.3),
        camera: .init(position: [0.4, -1.3, 0.85], target: [0.22, 0, 0.26], fieldOfView: 45))

    /// A capsule spanning the segment between two points.
    static func capsule(from a: SIMD3<Double>, to b: SIMD3<Double>, radius: Double, part: VisualBody.Part) -> VisualBody {
        let axis = b - a
        let length = (axis * axis).sum().squareRoot()
        let z = length > 0 ? axis / length : SIMD3<Double>(0, 0, 1)
        let reference: SIMD3<Double> = abs(z.z) < 0.9 ? [0, 0, 1] : [1, 0, 0]
        var x = SIMD3<Double>(reference.y * z.z - reference.z * z.y, reference.z * z.x - reference.x * z.z,
                              reference.x * z.y - reference.y * z.x)
        x /= (x * x).sum().squareRoot()
        let y = SIMD3<Double>(z.y * x.z - z.z * x.y, z.z * x.x - z.x * x.z, z.x * x.y - z.y * x.x)
        return VisualBody(shape: .capsule(radius: radius, length: length), pose: Pose(position: (a + b) / 2,
                          rotation: Rotation(x: x, y: y, z: z)), part: part)
    }
}
