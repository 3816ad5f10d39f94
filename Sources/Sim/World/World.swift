import CODE
import Foundation

/// The simulated lab: table, Panda-like arm with a parallel gripper, a cup and a box, in one ODE world.
///
/// `apply(_:)` runs one policy step (125 physics steps of 2 ms at the defaults): the end-effector target moves from
/// the measured pose to the commanded one during the first 80 % of the step and is held for the rest, tracked by
/// the inner controller every physics step. The same construction and the same actions give bit-identical states;
/// `snapshot()` / `restore(_:)` continue exactly.
public final class World {
    /// Physical settings of a world.
    public struct Settings: Hashable, Sendable {
        public var timeStep = 0.002
        public var stepsPerAction = 125
        public var limits = Action.Limits()
        /// Force of each finger's motor (N).
        public var gripForce = 40.0
        /// Finger speed (m/s).
        public var fingerSpeed = 0.15
        public init() {}
    }

    public let lab: Lab
    public let settings: Settings
    let physics: PhysicsWorld
    let arm: Arm
    let objectBodies: [RigidBody]
    /// Each object's collision geometry, for contact reports.
    private let objectGeoms: [Int]
    /// Per object: bit 0 touched by the arm or gripper, bit 1 pinched between both fingers, since the last reset.
    private var contactBits: [UInt8]
    private var controller = ArmController()
    /// Gripper command in force: 0 open … 1 closed.
    public private(set) var gripperCommand = 0.0
    /// Policy steps applied since the world was made or arranged.
    public private(set) var actionCount = 0
    private var q = [Double](repeating: 0, count: 7)
    private var dq = [Double](repeating: 0, count: 7)
    private var frames = [Pose](repeating: .identity, count: 10)

    /// A world in `lab`, placed in `arrangement` and settled for 0.2 s.
    public init(lab: Lab = .train, arrangement: Arrangement = .home, settings: Settings = .init()) {
        self.lab = lab
        self.settings = settings
        let physics = PhysicsWorld(timeStep: settings.timeStep)
        Scenery.build(in: physics, lab: lab)
        self.physics = physics
        arm = Arm(in: physics, gripForce: settings.gripForce)
        var objectGeoms: [Int] = []
        objectBodies = SceneObject.allCases.map { object in
            var mass = dMass()
            switch object.shape {
            case let .cup(radius, height, _): dMassSetCylinderTotal(&mass, object.mass, 3, radius, height)
            default: dMassSetBoxTotal(&mass, object.mass, object.width, object.width, object.width)
            }
            let body = physics.makeBody(mass: mass, pose: .identity)
            // Rolling resistance and air drag, so that a cup tipping on its rim settles instead of wobbling on.
            dBodySetAngularDamping(body, 0.005)
            dBodySetAngularDampingThreshold(body, 0)
            objectGeoms.append(physics.attach(object.shape.odeGeom(), to: body, offset: .identity, category: .object))
            return RigidBody(id: body)
        }
        self.objectGeoms = objectGeoms
        contactBits = [UInt8](repeating: 0, count: objectGeoms.count)
        arrange(arrangement)
    }

    /// A world in `lab` at the initial arrangement of `task`.
    public convenience init(task: ManipulationTask, lab: Lab = .train, settings: Settings = .init()) {
        self.init(lab: lab, arrangement: task.initial, settings: settings)
    }

    /// Places the arm (by inverse kinematics), gripper and objects as `arrangement` says, then lets the scene
    /// settle for 0.2 s with the arm holding that pose (a held object is squeezed by the closing fingers).
    public func arrange(_ arrangement: Arrangement) {
        physics.prepareThread()
        let tcp = PandaKinematics.tcp(endEffector: arrangement.endEffector)
        let joints = ArmController.inverseKinematics(tcp: tcp, from: PandaKinematics.home)
        let opening = arrangement.held.map { $0.width / 2 + 0.0005 }
            ?? (arrangement.gripper >= Action.gripperClosesFrom ? 0 : PandaKinematics.maxFingerTravel)
        arm.teleport(q: joints, opening: opening)
        for (body, pose) in zip(objectBodies, arrangement.objects) {
            body.pose = pose
            body.linearVelocity = .zero
            body.angularVelocity = .zero
        }
        gripperCommand = arrangement.held == nil ? arrangement.gripper : 1
        resetContacts()
        for _ in 0..<100 {
            control(target: tcp, feedforward: .zero)
            stepPhysics()
        }
        physics.canonicalize()
        actionCount = 0
    }

    /// Runs one policy step of `action` (clipped to `settings.limits`). A non-finite action, or a non-finite body
    /// state during the step, is an error naming the value or the physics step.
    public func apply(_ action: Action) throws {
        guard action.vector.allSatisfy(\.isFinite) else {
            throw SimError.badAction("non-finite value in \(action.vector) at policy step \(actionCount)")
        }
        physics.prepareThread()
        let a = action.clipped(to: settings.limits)
        let start = state
        let goal = Self.reachable(start, plus: a)
        gripperCommand = a.gripper
        let startAngles = SIMD3(start.roll, start.pitch, start.yaw)
        let ramp = settings.stepsPerAction * 4 / 5
        let velocity = (goal.position - start.position) / (Double(ramp) * settings.timeStep)
        resetContacts()
        for k in 0..<settings.stepsPerAction {
            let s = min(1, Double(k + 1) / Double(ramp))
            let angles = startAngles + s * (goal.angles - startAngles)
            let target = Pose(position: start.position + s * (goal.position - start.position),
                              rotation: Rotation(roll: angles.x, pitch: angles.y, yaw: angles.z))
            control(target: PandaKinematics.tcp(endEffector: target), feedforward: k < ramp ? velocity : .zero)
            stepPhysics()
            if k % 25 == 24 { try checkFinite() }
        }
        physics.canonicalize()
        actionCount += 1
    }

    /// The heights the end effector is commanded between: just above the table up to 0.45 m, the top of what the
    /// cameras see above the task region (tasks start the hand at most 0.34 m high; play data moves below 0.35 m).
    public static let heightRange = 0.015...0.45

    /// The commanded end-effector goal: measured state plus the action, kept inside the arm's workspace (within
    /// `heightRange`, within reach, the gripper tilted at most 0.6 rad).
    static func reachable(_ state: RobotState, plus a: Action) -> (position: SIMD3<Double>, angles: SIMD3<Double>) {
        var p = state.position + a.translation
        p.z = min(heightRange.upperBound, max(heightRange.lowerBound, p.z))
        let radius = (p.x * p.x + p.y * p.y).squareRoot()
        let clampedRadius = min(0.78, max(0.28, radius))
        if radius > 0 {
            p.x *= clampedRadius / radius
            p.y *= clampedRadius / radius
        } else {
            p.x = clampedRadius
        }
        let tilt = 0.6, twist = 1.6
        let angles = SIMD3(state.roll, state.pitch, state.yaw) + a.rotation
        return (p, angles.clamped(lowerBound: [-tilt, -tilt, -twist], upperBound: [tilt, tilt, twist]))
    }

    /// What touched each object (in `SceneObject.allCases` order) during the last `apply`, or during the settling
    /// of the last `arrange`.
    public var contacts: [ObjectContact] {
        contactBits.map { ObjectContact(touched: $0 & 1 != 0, pinched: $0 & 2 != 0) }
    }

    private func resetContacts() {
        for i in contactBits.indices { contactBits[i] = 0 }
    }

    /// One physics step, noting the contacts of the objects: touched by anything of the arm, pinched when both
    /// fingers touch the object in the same step.
    private func stepPhysics() {
        physics.step()
        for (i, geom) in objectGeoms.enumerated() {
            let touches = physics.touches(ofGeom: geom)
            if touches != 0 { contactBits[i] |= 1 }
            if touches & 6 == 6 { contactBits[i] |= 2 }
        }
    }

    /// One inner-controller update: joint velocities toward the TCP `target`; the fingers close with the grip force
    /// when the gripper command is at least 0.5 and open fully below it.
    private func control(target: Pose, feedforward: SIMD3<Double>) {
        arm.readAngles(into: &q)
        PandaKinematics.forward(q, into: &frames)
        controller.jointVelocities(q: q, frames: frames, target: target, feedforward: feedforward, into: &dq)
        arm.drive(dq)
        arm.driveFingers(toward: gripperCommand >= Action.gripperClosesFrom ? 0 : PandaKinematics.maxFingerTravel, speed: settings.fingerSpeed)
    }

    private func checkFinite() throws {
        for body in physics.bodies {
            let b = RigidBody(id: body)
            let values = [b.position, b.linearVelocity, b.angularVelocity]
            if !values.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) {
                throw SimError.blowUp(step: physics.stepCount, detail: "non-finite body state \(values)")
            }
        }
    }

    /// The end-effector state (TCP position, Euler angles, measured gripper).
    public var state: RobotState {
        var joints = [Double](repeating: 0, count: 7)
        arm.readAngles(into: &joints)
        let ee = PandaKinematics.endEffector(tcp: PandaKinematics.frames(joints)[9])
        let angles = ee.rotation.eulerAngles
        let opening = arm.fingerOpenings.reduce(0, +)
        let gripper = min(1, max(0, 1 - opening / (2 * PandaKinematics.maxFingerTravel)))
        return RobotState(position: ee.position, roll: angles.roll, pitch: angles.pitch, yaw: angles.yaw,
                          gripper: gripper)
    }

    /// Joint angles, finger openings and object poses.
    public var observables: Observables {
        var joints = [Double](repeating: 0, count: 7)
        arm.readAngles(into: &joints)
        return Observables(joints: joints + arm.fingerOpenings, objects: objectBodies.map(\.pose))
    }

    /// The TCP frame (privileged: for the expert and success checks).
    var tcp: Pose {
        var joints = [Double](repeating: 0, count: 7)
        arm.readAngles(into: &joints)
        return PandaKinematics.frames(joints)[9]
    }

    /// The pose of `object` (privileged).
    func pose(of object: SceneObject) -> Pose { objectBodies[object.index].pose }

    /// Whether `object` is held between the closed fingers (privileged).
    func isHolding(_ object: SceneObject) -> Bool {
        guard gripperCommand >= Action.gripperClosesFrom else { return false }
        let tcp = tcp
        let local = tcp.rotation.inverse.apply(pose(of: object).position - tcp.position)
        let opening = arm.fingerOpenings.reduce(0, +)
        return abs(local.x) < 0.03 && abs(local.y) < 0.02 && local.z > -0.07 && local.z < 0.03
            && opening > object.width - 0.012 && opening < object.width + 0.01
    }

    /// The exact state: bodies, solver stream and controller command.
    public func snapshot() -> WorldSnapshot {
        WorldSnapshot(bodies: physics.bodyStates(), solverSeed: physics.solverSeed, gripperCommand: gripperCommand,
                      actionCount: actionCount)
    }

    /// Returns to a snapshot of this world (or of another world built with the same lab and settings).
    public func restore(_ snapshot: WorldSnapshot) throws {
        guard snapshot.bodies.count == 13 * physics.bodies.count else {
            throw SimError.snapshotMismatch("\(snapshot.bodies.count / 13) bodies, this world has \(physics.bodies.count)")
        }
        physics.setBodyStates(snapshot.bodies)
        physics.solverSeed = snapshot.solverSeed
        gripperCommand = snapshot.gripperCommand
        actionCount = snapshot.actionCount
    }
}
