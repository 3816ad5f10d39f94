import CODE
import Foundation

/// An ODE dynamics world with one collision space and a contact joint group, stepped at a fixed time step.
///
/// Double precision (Debian's ODE is built with `dDOUBLE`). Contacts are generated for every pair of touching
/// geometries whose bodies are not already connected by a joint; their surface parameters come from `contact`.
public final class PhysicsWorld {
    /// Surface parameters shared by every contact this world creates.
    public struct ContactModel: Sendable {
        public var friction: Double = 1.0
        /// Error reduction parameter of contacts (how fast penetration is corrected per step).
        public var erp: Double = 0.2
        /// Constraint force mixing of contacts (softness).
        public var cfm: Double = 1e-5
        public var maxContactsPerPair: Int = 8
        public init() {}
    }

    public let timeStep: Double
    public var contact: ContactModel
    let world: dWorldID
    let space: dSpaceID
    private let contacts: dJointGroupID
    private var contactBuffer: [dContact]

    public init(timeStep: Double = 0.002, gravity: Double = -9.81, contact: ContactModel = .init()) {
        ODELibrary.initialize()
        self.timeStep = timeStep
        self.contact = contact
        world = dWorldCreate()
        space = dHashSpaceCreate(nil)
        contacts = dJointGroupCreate(0)
        contactBuffer = Array(repeating: dContact(), count: contact.maxContactsPerPair)
        dWorldSetGravity(world, 0, 0, gravity)
    }

    deinit {
        dJointGroupDestroy(contacts)
        dSpaceDestroy(space)
        dWorldDestroy(world)
    }

    /// Adds an infinite static plane `n · p = d`.
    @discardableResult
    public func addPlane(normal: SIMD3<Double> = [0, 0, 1], offset: Double = 0) -> OpaquePointer {
        dCreatePlane(space, normal.x, normal.y, normal.z, offset)
    }

    /// Adds a dynamic box of the given full side lengths and mass at `position`; returns its body.
    public func addBox(size: SIMD3<Double>, mass: Double, at position: SIMD3<Double>) -> RigidBody {
        let body = dBodyCreate(world)!
        var m = dMass()
        dMassSetBoxTotal(&m, mass, size.x, size.y, size.z)
        dBodySetMass(body, &m)
        dBodySetPosition(body, position.x, position.y, position.z)
        let geom = dCreateBox(space, size.x, size.y, size.z)
        dGeomSetBody(geom, body)
        return RigidBody(id: body)
    }

    /// Advances the simulation by one time step: collide, create contacts, integrate, clear contacts.
    public func step() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        dSpaceCollide(space, context) { data, g1, g2 in
            let me = Unmanaged<PhysicsWorld>.fromOpaque(data!).takeUnretainedValue()
            me.collide(g1!, g2!)
        }
        dWorldQuickStep(world, timeStep)
        dJointGroupEmpty(contacts)
    }

    private func collide(_ g1: dGeomID, _ g2: dGeomID) {
        let b1 = dGeomGetBody(g1), b2 = dGeomGetBody(g2)
        if let b1, let b2, dAreConnectedExcluding(b1, b2, Int32(dJointTypeContact.rawValue)) != 0 { return }
        let stride = Int32(MemoryLayout<dContact>.stride)
        let count = contactBuffer.withUnsafeMutableBufferPointer { buffer in
            dCollide(g1, g2, Int32(buffer.count), &buffer[0].geom, stride)
        }
        for i in 0..<Int(count) {
            contactBuffer[i].surface.mode = Int32(dContactSoftERP | dContactSoftCFM | dContactApprox1)
            contactBuffer[i].surface.mu = contact.friction
            contactBuffer[i].surface.soft_erp = contact.erp
            contactBuffer[i].surface.soft_cfm = contact.cfm
            let joint = dJointCreateContact(world, contacts, &contactBuffer[i])
            dJointAttach(joint, b1, b2)
        }
    }
}

/// A handle to one ODE rigid body, valid while its `PhysicsWorld` lives.
public struct RigidBody {
    let id: dBodyID

    public var position: SIMD3<Double> {
        let p = dBodyGetPosition(id)!
        return [p[0], p[1], p[2]]
    }

    public var linearVelocity: SIMD3<Double> {
        let v = dBodyGetLinearVel(id)!
        return [v[0], v[1], v[2]]
    }
}

/// One-time, thread-safe initialisation of the ODE library.
enum ODELibrary {
    private static let once: Void = { dInitODE2(0) }()
    static func initialize() { _ = once }
}
