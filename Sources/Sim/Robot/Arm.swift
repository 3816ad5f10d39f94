import CODE
import Foundation

/// The simulated arm in an ODE world: 7 link bodies on hinge joints with velocity motors (torque-limited) and the
/// motors' rotor inertia, joint stops at the Panda's limits, the hand on link 7, and two finger bodies on slider
/// joints with a limited force.
///
/// Gravity is compensated (the links and fingers feel no gravity), as the real arm's controller does; payloads do.
final class Arm {
    /// One primitive of a link, in the link's frame.
    struct Part {
        var shape: VisualBody.Shape
        var pose: Pose
        var collides: Bool
        var isHand = false
    }

    let links: [dBodyID]
    let fingers: [dBodyID]
    private let hinges: [dJointID]
    private let sliders: [dJointID]
    /// Centre of mass of each link body in its link frame.
    static let centres: [SIMD3<Double>] = (0..<7).map { centre(ofLink: $0) }
    static let parts: [[Part]] = (0..<7).map { parts(ofLink: $0) }
    /// The configuration the joints are assembled in: the middle of each joint's range, so that ODE's hinge
    /// angle (which wraps at ±π) measures `q − reference` and stays within ±π over the whole range.
    static let reference: [Double] = (0..<7).map { 0.5 * (PandaKinematics.lowerLimits[$0] + PandaKinematics.upperLimits[$0]) }

    /// Builds the arm in `physics`; each finger pushes with at most `gripForce` newtons.
    init(in physics: PhysicsWorld, gripForce: Double) {
        let frames = PandaKinematics.frames(Arm.reference)
        var links: [dBodyID] = []
        var hinges: [dJointID] = []
        for i in 0..<7 {
            var mass = dMass()
            dMassSetBoxTotal(&mass, PandaKinematics.masses[i], 0.1, 0.1, 0.12)
            // ODE has no joint-space inertia: the rotor's goes to the link about its joint axis (the body's z), exact
            // for the joint's own motion; it also resists a parent joint turning the link about a parallel axis.
            mass.I.10 += PandaKinematics.armature
            let body = physics.makeBody(mass: mass, pose: frames[i].composed(with: Pose(position: Arm.centres[i])),
                                        gravity: false)
            for part in Arm.parts[i] where part.collides {
                let offset = Pose(position: -Arm.centres[i]).composed(with: part.pose)
                physics.attach(part.shape.odeGeom(), to: body, offset: offset, category: .arm)
            }
            dBodySetAngularDamping(body, 0)
            let hinge = dJointCreateHinge(physics.world, nil)!
            dJointAttach(hinge, body, i == 0 ? nil : links[i - 1])
            let anchor = frames[i].position, axis = frames[i].rotation.z
            dJointSetHingeAnchor(hinge, anchor.x, anchor.y, anchor.z)
            dJointSetHingeAxis(hinge, axis.x, axis.y, axis.z)
            dJointSetHingeParam(hinge, Int32(dParamLoStop), PandaKinematics.lowerLimits[i] - Arm.reference[i])
            dJointSetHingeParam(hinge, Int32(dParamHiStop), PandaKinematics.upperLimits[i] - Arm.reference[i])
            dJointSetHingeParam(hinge, Int32(dParamFMax), PandaKinematics.maxTorques[i])
            links.append(body)
            hinges.append(hinge)
        }
        var fingers: [dBodyID] = []
        var sliders: [dJointID] = []
        for side in [1.0, -1.0] {
            var mass = dMass()
            let size = PandaKinematics.fingerSize
            dMassSetBoxTotal(&mass, 0.1, size.x, size.y, size.z)
            let body = physics.makeBody(mass: mass, pose: Arm.fingerPose(hand: frames[8], opening: 0, side: side),
                                        gravity: false)
            physics.attach(dCreateBox(nil, size.x, size.y, size.z)!, to: body, offset: .identity, category: .finger)
            let slider = dJointCreateSlider(physics.world, nil)!
            dJointAttach(slider, body, links[6])
            let axis = frames[8].rotation.y * side
            dJointSetSliderAxis(slider, axis.x, axis.y, axis.z)
            dJointSetSliderParam(slider, Int32(dParamLoStop), 0)
            dJointSetSliderParam(slider, Int32(dParamHiStop), PandaKinematics.maxFingerTravel)
            dJointSetSliderParam(slider, Int32(dParamFMax), gripForce)
            fingers.append(body)
            sliders.append(slider)
        }
        self.links = links
        self.hinges = hinges
        self.fingers = fingers
        self.sliders = sliders
    }

    /// Joint angles.
    func readAngles(into q: inout [Double]) {
        for i in 0..<7 { q[i] = dJointGetHingeAngle(hinges[i]) + Arm.reference[i] }
    }

    func angleRates() -> [Double] { hinges.map { dJointGetHingeAngleRate($0) } }

    /// Opening of each finger (0 … 0.04 m).
    var fingerOpenings: [Double] { sliders.map { dJointGetSliderPosition($0) } }

    /// Commands joint velocities (rad/s) to the motors.
    func drive(_ dq: [Double]) {
        for i in 0..<7 { dJointSetHingeParam(hinges[i], Int32(dParamVel), dq[i]) }
    }

    /// Drives each finger toward `opening` (m) at up to `speed` (m/s) with the grip force.
    func driveFingers(toward opening: Double, speed: Double) {
        for slider in sliders {
            let error = opening - dJointGetSliderPosition(slider)
            dJointSetSliderParam(slider, Int32(dParamVel), max(-speed, min(speed, 25 * error)))
        }
    }

    /// Places every body for joint angles `q` and finger opening `opening`, at rest.
    func teleport(q: [Double], opening: Double) {
        let frames = PandaKinematics.frames(q)
        for i in 0..<7 {
            let body = RigidBody(id: links[i])
            body.pose = frames[i].composed(with: Pose(position: Arm.centres[i]))
            body.linearVelocity = .zero
            body.angularVelocity = .zero
        }
        for (finger, side) in zip(fingers, [1.0, -1.0]) {
            let body = RigidBody(id: finger)
            body.pose = Arm.fingerPose(hand: frames[8], opening: opening, side: side)
            body.linearVelocity = .zero
            body.angularVelocity = .zero
        }
    }

    /// The link frame of link `i` from its body's pose.
    func linkFrame(_ i: Int) -> Pose {
        RigidBody(id: links[i]).pose.composed(with: Pose(position: -Arm.centres[i]))
    }

    /// A finger body's pose for a hand frame and an opening of that finger; `side` +1 along the hand's y, −1 against.
    static func fingerPose(hand: Pose, opening: Double, side: Double) -> Pose {
        let size = PandaKinematics.fingerSize
        return hand.composed(with: Pose(position: [0, side * (opening + size.y / 2), PandaKinematics.fingerBase + size.z / 2]))
    }

    private static func segment(_ a: SIMD3<Double>, _ b: SIMD3<Double>, radius: Double) -> Part {
        let d = b - a
        return Part(shape: .capsule(radius: radius, length: length(d)), pose: Pose(position: (a + b) / 2, rotation: .aligningZ(with: d)),
                    collides: true)
    }

    private static func housing(radius: Double, length: Double, alongY: Bool = false) -> Part {
        Part(shape: .cylinder(radius: radius, length: length),
             pose: Pose(rotation: alongY ? Rotation(roll: .pi / 2, pitch: 0, yaw: 0) : .identity), collides: false)
    }

    /// Panda-like primitives of each link: a joint housing at its origin and a capsule toward the next joint.
    private static func parts(ofLink i: Int) -> [Part] {
        switch i {
        case 0: [segment([0, 0, -0.2], [0, 0, -0.03], radius: 0.06), housing(radius: 0.06, length: 0.13, alongY: true)]
        case 1: [segment([0, 0, 0], [0, -0.25, 0], radius: 0.06)]
        case 2: [housing(radius: 0.058, length: 0.12), segment([0, 0, -0.08], [0.0825, 0, 0], radius: 0.055)]
        case 3: [housing(radius: 0.058, length: 0.12), segment([0, 0, 0], [-0.0825, 0.3, 0], radius: 0.055)]
        case 4: [segment([0, 0, -0.12], [0, 0, -0.01], radius: 0.05), housing(radius: 0.055, length: 0.11, alongY: true)]
        case 5: [housing(radius: 0.05, length: 0.1), segment([0, 0, 0], [0.088, 0, 0], radius: 0.045)]
        default:
            // Link 7 carries the flange and the hand (hand frame = flange turned by −π/4 about z).
            [segment([0, 0, -0.02], [0, 0, 0.09], radius: 0.04),
             Part(shape: .box(size: [0.05, 0.18, 0.055]),
                  pose: Pose(position: [0, 0, PandaKinematics.flangeOffset]).composed(with: PandaKinematics.hand)
                      .composed(with: Pose(position: [0, 0, 0.03])), collides: true, isHand: true)]
        }
    }

    private static func centre(ofLink i: Int) -> SIMD3<Double> {
        let capsules = parts(ofLink: i).filter { if case .capsule = $0.shape { true } else { false } }
        return capsules.first?.pose.position ?? .zero
    }
}

extension Rotation {
    /// A rotation taking the z axis to the direction of `d`.
    static func aligningZ(with d: SIMD3<Double>) -> Rotation {
        let z = d / length(d)
        let helper: SIMD3<Double> = abs(z.x) < 0.9 ? [1, 0, 0] : [0, 1, 0]
        let x = cross(helper, z) / length(cross(helper, z))
        return Rotation(x: x, y: cross(z, x), z: z)
    }
}

extension VisualBody.Shape {
    /// An ODE geometry of this shape (cups collide as solid cylinders), centred on its origin, along its z.
    func odeGeom() -> dGeomID {
        switch self {
        case let .box(size): dCreateBox(nil, size.x, size.y, size.z)!
        case let .cylinder(radius, length): dCreateCylinder(nil, radius, length)!
        case let .capsule(radius, length): dCreateCapsule(nil, radius, length)!
        case let .sphere(radius): dCreateSphere(nil, radius)!
        case let .cup(radius, height, _): dCreateCylinder(nil, radius, height)!
        }
    }
}
