import CODE
import Foundation

/// An ODE dynamics world stepped at a fixed time step, with its own deterministic collision pass.
///
/// Double precision (Debian's ODE is built with `dDOUBLE`). Every geometry has a `CollisionCategory`; the pairs
/// that may touch are listed once, in a fixed order, when geometries are added, and each step tests only those pairs
/// (bounding boxes first). So the contact order, and with it the solver's result, depends only on the bodies' state,
/// never on history: a restored snapshot continues bit for bit. No allocation happens in `step()`.
public final class PhysicsWorld {
    /// Surface parameters of contacts.
    public struct ContactModel: Sendable {
        /// Coulomb friction between most surfaces.
        public var friction: Double = 0.6
        /// Friction between the finger pads and the objects.
        public var gripFriction: Double = 1.2
        /// Error reduction parameter of contacts (how fast penetration is corrected per step).
        public var erp: Double = 0.25
        /// Constraint force mixing of contacts (softness).
        public var cfm: Double = 1e-5
        public var maxContactsPerPair: Int = 6
        /// Solver iterations of `dWorldQuickStep`.
        public var iterations: Int = 16
        public init() {}
    }

    /// What a geometry belongs to; decides which pairs collide and with which friction.
    enum CollisionCategory {
        /// Static: floor, table, arm base, distractors.
        case environment
        /// Arm links and the hand.
        case arm
        /// The finger pads.
        case finger
        /// Free objects (cup, box).
        case object

        func collides(with other: CollisionCategory) -> Bool {
            switch (self, other) {
            case (.environment, .environment): false
            case (.arm, .arm), (.arm, .finger), (.finger, .arm), (.finger, .finger): false
            default: true
            }
        }
    }

    private struct Pair {
        var first: Int
        var second: Int
        var friction: Double
        /// For a table-top pair: the table's footprint (min x, max x, min y, max y) that `second` must be over.
        var footprint: SIMD4<Double>?
    }

    public let timeStep: Double
    public let contact: ContactModel
    let world: dWorldID
    private let contacts: dJointGroupID
    private var geoms: [(id: dGeomID, category: CollisionCategory)] = []
    /// What each geometry marks on the geometries it touches: 1 for the arm, 2 and 4 for the first and second finger.
    private var touchBits: [UInt8] = []
    /// Per geometry, the marks of everything that touched it during the last step.
    private var touchedBy: [UInt8] = []
    private var fingerCount = 0
    private var pairs: [Pair] = []
    private var rawQuaternions: [SIMD4<Double>] = []
    private var footprints: [Int: SIMD4<Double>] = [:]
    private(set) var bodies: [dBodyID] = []
    private let contactBuffer: UnsafeMutablePointer<dContact>
    private var boxes: UnsafeMutablePointer<Double>
    private var boxCapacity = 0
    /// ODE's solver draws from a process-wide generator; each world keeps its own stream and swaps it in.
    var solverSeed: UInt = 0
    /// Physics steps taken since creation.
    public private(set) var stepCount = 0

    public init(timeStep: Double = 0.002, gravity: Double = -9.81, contact: ContactModel = .init()) {
        ODELibrary.initialize()
        self.timeStep = timeStep
        self.contact = contact
        world = dWorldCreate()
        contacts = dJointGroupCreate(0)
        contactBuffer = .allocate(capacity: contact.maxContactsPerPair)
        contactBuffer.initialize(repeating: dContact(), count: contact.maxContactsPerPair)
        boxes = .allocate(capacity: 6)
        dWorldSetGravity(world, 0, 0, gravity)
        dWorldSetQuickStepNumIterations(world, Int32(contact.iterations))
        dWorldSetERP(world, 0.2)
        dWorldSetCFM(world, 1e-7)
        dWorldSetContactSurfaceLayer(world, 0.0005)
        dWorldSetContactMaxCorrectingVel(world, 0.5)
        dWorldSetAutoDisableFlag(world, 0)
    }

    deinit {
        for geom in geoms { dGeomDestroy(geom.id) }
        dJointGroupDestroy(contacts)
        dWorldDestroy(world)
        contactBuffer.deallocate()
        boxes.deallocate()
    }

    /// Adds an infinite static plane `n · p = d`.
    public func addPlane(normal: SIMD3<Double> = [0, 0, 1], offset: Double = 0) {
        add(dCreatePlane(nil, normal.x, normal.y, normal.z, offset)!, category: .environment)
    }

    /// Adds a table top: the plane z = `height`, solid only over the rectangle `footprint` (min x, max x, min y,
    /// max y), so that what is pushed past an edge falls to the floor. (A plane instead of a box: ODE's
    /// cylinder–box test can fail on an upright cylinder resting on a large box.)
    func addTableTop(height: Double, footprint: SIMD4<Double>) {
        footprints[geoms.count] = footprint
        add(dCreatePlane(nil, 0, 0, 1, height)!, category: .environment)
    }

    /// Adds a dynamic box of the given full side lengths and mass at `position`; returns its body.
    public func addBox(size: SIMD3<Double>, mass: Double, at position: SIMD3<Double>) -> RigidBody {
        var m = dMass()
        dMassSetBoxTotal(&m, mass, size.x, size.y, size.z)
        let body = makeBody(mass: m, pose: Pose(position: position))
        attach(dCreateBox(nil, size.x, size.y, size.z)!, to: body, offset: .identity, category: .object)
        return RigidBody(id: body)
    }

    /// A new dynamic body with mass properties `mass` (centred on its origin) at `pose`.
    func makeBody(mass: dMass, pose: Pose, gravity: Bool = true) -> dBodyID {
        let body = dBodyCreate(world)!
        var m = mass
        dBodySetMass(body, &m)
        dBodySetGravityMode(body, gravity ? 1 : 0)
        RigidBody(id: body).pose = pose
        bodies.append(body)
        return body
    }

    /// Attaches `geom` to `body` at `offset` in the body's frame and registers it for collisions; returns its index
    /// for `touches(ofGeom:)`.
    @discardableResult
    func attach(_ geom: dGeomID, to body: dBodyID, offset: Pose, category: CollisionCategory) -> Int {
        dGeomSetBody(geom, body)
        dGeomSetOffsetPosition(geom, offset.position.x, offset.position.y, offset.position.z)
        offset.rotation.odeMatrix.withUnsafeBufferPointer { dGeomSetOffsetRotation(geom, $0.baseAddress) }
        add(geom, category: category)
        return geoms.count - 1
    }

    /// What touched geometry `index` during the last step: bit 0 the arm or hand, bits 1 and 2 the two fingers.
    func touches(ofGeom index: Int) -> UInt8 { touchedBy[index] }

    /// Registers a static `geom` placed at `pose`; a static part of the arm (its base) does not touch the links.
    func addStatic(_ geom: dGeomID, at pose: Pose, category: CollisionCategory = .environment) {
        dGeomSetPosition(geom, pose.position.x, pose.position.y, pose.position.z)
        pose.rotation.odeMatrix.withUnsafeBufferPointer { dGeomSetRotation(geom, $0.baseAddress) }
        add(geom, category: category)
    }

    private func add(_ geom: dGeomID, category: CollisionCategory) {
        let index = geoms.count
        let isStatic = dGeomGetBody(geom) == nil
        for (other, entry) in geoms.enumerated() where entry.category.collides(with: category) {
            if isStatic && dGeomGetBody(entry.id) == nil { continue }
            let grip = (entry.category == .finger && category == .object) || (entry.category == .object && category == .finger)
            pairs.append(Pair(first: other, second: index, friction: grip ? contact.gripFriction : contact.friction,
                              footprint: footprints[other]))
        }
        geoms.append((geom, category))
        switch category {
        case .arm: touchBits.append(1)
        case .finger:
            touchBits.append(fingerCount < 2 ? 2 << fingerCount : 1)
            fingerCount += 1
        case .environment, .object: touchBits.append(0)
        }
        touchedBy.append(0)
        boxes.deallocate()
        boxCapacity = geoms.count
        boxes = .allocate(capacity: 6 * boxCapacity)
    }

    /// Advances the simulation by one time step: collide the listed pairs, create contacts, integrate, clear contacts.
    ///
    /// The solver step holds a process-wide lock: ODE's quickstep shuffles constraints with one process-global
    /// random stream (swapped for this world's own here), so worlds on several threads take turns in the solver.
    public func step() {
        for (i, geom) in geoms.enumerated() { dGeomGetAABB(geom.id, boxes + 6 * i) }
        for i in touchedBy.indices { touchedBy[i] = 0 }
        for pair in pairs where overlaps(pair) { collide(pair) }
        ODELibrary.solverLock.lock()
        ODELibrary.stepInSolver = stepCount + 1
        dRandSetSeed(solverSeed)
        dWorldQuickStep(world, timeStep)
        solverSeed = dRandGetSeed()
        ODELibrary.solverLock.unlock()
        dJointGroupEmpty(contacts)
        stepCount += 1
    }

    /// Prepares ODE's per-thread data for the calling thread (cheap when already done).
    func prepareThread() {
        dAllocateODEDataForThread(UInt32(truncatingIfNeeded: dAllocateMaskAll.rawValue))
    }

    private func overlaps(_ pair: Pair) -> Bool {
        let a = boxes + 6 * pair.first, b = boxes + 6 * pair.second
        if let f = pair.footprint {
            let x = 0.5 * (b[0] + b[1]), y = 0.5 * (b[2] + b[3])
            return x >= f[0] && x <= f[1] && y >= f[2] && y <= f[3]
        }
        return a[0] <= b[1] && b[0] <= a[1] && a[2] <= b[3] && b[2] <= a[3] && a[4] <= b[5] && b[4] <= a[5]
    }

    private func collide(_ pair: Pair) {
        let g1 = geoms[pair.first].id, g2 = geoms[pair.second].id
        let stride = Int32(MemoryLayout<dContact>.stride)
        let count = Int(dCollide(g1, g2, Int32(contact.maxContactsPerPair), &contactBuffer[0].geom, stride))
        guard count > 0 else { return }
        touchedBy[pair.first] |= touchBits[pair.second]
        touchedBy[pair.second] |= touchBits[pair.first]
        let b1 = dGeomGetBody(g1), b2 = dGeomGetBody(g2)
        for i in 0..<count {
            contactBuffer[i].surface.mode = Int32(dContactSoftERP | dContactSoftCFM | dContactApprox1)
            contactBuffer[i].surface.mu = pair.friction
            contactBuffer[i].surface.soft_erp = contact.erp
            contactBuffer[i].surface.soft_cfm = contact.cfm
            let joint = dJointCreateContact(world, contacts, &contactBuffer[i])
            dJointAttach(joint, b1, b2)
        }
    }

    /// Re-sets every body's quaternion through ODE's normalisation, remembering the values before it. ODE's
    /// normalisation is not idempotent to the last bit, so a snapshot keeps the pre-normalisation values: setting
    /// them again on restore reproduces exactly the quaternion and rotation matrix this call produced.
    func canonicalize() {
        rawQuaternions.removeAll(keepingCapacity: true)
        for body in bodies {
            let q = dBodyGetQuaternion(body)!
            var raw = [q[0], q[1], q[2], q[3]]
            rawQuaternions.append(SIMD4(raw[0], raw[1], raw[2], raw[3]))
            dBodySetQuaternion(body, &raw)
        }
    }

    /// Every body's position, quaternion (as before the last `canonicalize()`) and velocities, 13 numbers each.
    func bodyStates() -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(13 * bodies.count)
        for (i, body) in bodies.enumerated() {
            let p = dBodyGetPosition(body)!, v = dBodyGetLinearVel(body)!, w = dBodyGetAngularVel(body)!
            let current = dBodyGetQuaternion(body)!
            let q = i < rawQuaternions.count ? rawQuaternions[i] : SIMD4(current[0], current[1], current[2], current[3])
            out += [p[0], p[1], p[2], q[0], q[1], q[2], q[3], v[0], v[1], v[2], w[0], w[1], w[2]]
        }
        return out
    }

    /// Writes states read by `bodyStates()` back, as `canonicalize()` would have left them.
    func setBodyStates(_ states: [Double]) {
        rawQuaternions.removeAll(keepingCapacity: true)
        for (i, body) in bodies.enumerated() {
            let s = Array(states[(13 * i)..<(13 * i + 13)])
            dBodySetPosition(body, s[0], s[1], s[2])
            var q = [s[3], s[4], s[5], s[6]]
            rawQuaternions.append(SIMD4(q[0], q[1], q[2], q[3]))
            dBodySetQuaternion(body, &q)
            dBodySetLinearVel(body, s[7], s[8], s[9])
            dBodySetAngularVel(body, s[10], s[11], s[12])
            dBodySetForce(body, 0, 0, 0)
            dBodySetTorque(body, 0, 0, 0)
        }
    }
}
