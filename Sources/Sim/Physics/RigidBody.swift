import CODE

/// A handle to one ODE rigid body, valid while its `PhysicsWorld` lives.
public struct RigidBody {
    let id: dBodyID

    public var position: SIMD3<Double> {
        let p = dBodyGetPosition(id)!
        return [p[0], p[1], p[2]]
    }

    public var linearVelocity: SIMD3<Double> {
        get {
            let v = dBodyGetLinearVel(id)!
            return [v[0], v[1], v[2]]
        }
        nonmutating set { dBodySetLinearVel(id, newValue.x, newValue.y, newValue.z) }
    }

    public var angularVelocity: SIMD3<Double> {
        get {
            let v = dBodyGetAngularVel(id)!
            return [v[0], v[1], v[2]]
        }
        nonmutating set { dBodySetAngularVel(id, newValue.x, newValue.y, newValue.z) }
    }

    /// The body's placement (its origin is its centre of mass).
    public var pose: Pose {
        get {
            let q = dBodyGetQuaternion(id)!
            return Pose(position: position, rotation: Rotation(quaternion: [q[0], q[1], q[2], q[3]]))
        }
        nonmutating set {
            dBodySetPosition(id, newValue.position.x, newValue.position.y, newValue.position.z)
            var q = newValue.rotation.quaternion
            withUnsafeMutableBytes(of: &q) { dBodySetQuaternion(id, $0.baseAddress!.assumingMemoryBound(to: Double.self)) }
        }
    }
}

extension Rotation {
    /// ODE's row-major 3×4 matrix layout.
    var odeMatrix: [Double] { [x.x, y.x, z.x, 0, x.y, y.y, z.y, 0, x.z, y.z, z.z, 0] }

    /// The unit quaternion `(w, x, y, z)` of this rotation (Shepperd's method), with w ≥ 0.
    public var quaternion: SIMD4<Double> {
        let trace = x.x + y.y + z.z
        var q: SIMD4<Double>
        if trace > 0 {
            let s = (trace + 1).squareRoot() * 2
            q = [s / 4, (y.z - z.y) / s, (z.x - x.z) / s, (x.y - y.x) / s]
        } else if x.x > y.y && x.x > z.z {
            let s = (1 + x.x - y.y - z.z).squareRoot() * 2
            q = [(y.z - z.y) / s, s / 4, (y.x + x.y) / s, (z.x + x.z) / s]
        } else if y.y > z.z {
            let s = (1 + y.y - x.x - z.z).squareRoot() * 2
            q = [(z.x - x.z) / s, (y.x + x.y) / s, s / 4, (z.y + y.z) / s]
        } else {
            let s = (1 + z.z - x.x - y.y).squareRoot() * 2
            q = [(x.y - y.x) / s, (z.x + x.z) / s, (z.y + y.z) / s, s / 4]
        }
        if q[0] < 0 { q = -q }
        return q / (q * q).sum().squareRoot()
    }
}
