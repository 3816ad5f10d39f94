/// The inner controller: damped least-squares differential IK from the current TCP pose toward a target pose,
/// run every physics step. Buffers are allocated once, so a control step allocates nothing.
///
/// `dq = Jᵀ (J Jᵀ + λ² I)⁻¹ v + (I − J⁺ J)·k(q_home − q)` with the geometric Jacobian J of the TCP, the desired
/// twist `v = v_ff + K·e` (position error and the small-angle orientation error), and joint velocities scaled down
/// together until every one is within its limit; joints at a limit are not driven further into it.
struct ArmController {
    var positionGain = 200.0
    var orientationGain = 120.0
    var damping = 0.03
    var postureGain = 1.0
    var maxLinearSpeed = 1.0
    var maxAngularSpeed = 2.5
    private var jacobian = [Double](repeating: 0, count: 42)
    private var system = [Double](repeating: 0, count: 36)
    private var rhs = [Double](repeating: 0, count: 6)
    private var posture = [Double](repeating: 0, count: 7)

    /// Joint velocities that move the TCP (frame `frames[9]` of `PandaKinematics.forward`) toward `target`.
    mutating func jointVelocities(
        q: [Double], frames: [Pose], target: Pose, feedforward: SIMD3<Double>, into dq: inout [Double]
    ) {
        let tcp = frames[9]
        var v = feedforward + positionGain * (target.position - tcp.position)
        let r = tcp.rotation, t = target.rotation
        var w = orientationGain * 0.5 * (cross(r.x, t.x) + cross(r.y, t.y) + cross(r.z, t.z))
        v = clampedLength(v, maxLinearSpeed)
        w = clampedLength(w, maxAngularSpeed)
        for i in 0..<7 {
            let axis = frames[i].rotation.z
            let linear = cross(axis, tcp.position - frames[i].position)
            for k in 0..<3 {
                jacobian[k * 7 + i] = linear[k]
                jacobian[(k + 3) * 7 + i] = axis[k]
            }
        }
        factorSystem()
        // Task-space part.
        for k in 0..<3 {
            rhs[k] = v[k]
            rhs[k + 3] = w[k]
        }
        solve()
        for i in 0..<7 { dq[i] = (0..<6).reduce(0) { $0 + jacobian[$1 * 7 + i] * rhs[$1] } }
        // Posture in the (damped) null space.
        for i in 0..<7 { posture[i] = postureGain * (PandaKinematics.home[i] - q[i]) }
        for k in 0..<6 { rhs[k] = (0..<7).reduce(0) { $0 + jacobian[k * 7 + $1] * posture[$1] } }
        solve()
        for i in 0..<7 {
            dq[i] += posture[i] - (0..<6).reduce(0) { $0 + jacobian[$1 * 7 + i] * rhs[$1] }
        }
        limit(q: q, dq: &dq)
    }

    /// Scales `dq` within the velocity limits and stops joints from driving into their position limits.
    private func limit(q: [Double], dq: inout [Double]) {
        var scale = 1.0
        for i in 0..<7 {
            let margin = 0.05
            if q[i] < PandaKinematics.lowerLimits[i] + margin && dq[i] < 0 { dq[i] = 0 }
            if q[i] > PandaKinematics.upperLimits[i] - margin && dq[i] > 0 { dq[i] = 0 }
            let cap = 0.9 * PandaKinematics.maxVelocities[i]
            if abs(dq[i]) * scale > cap { scale = cap / abs(dq[i]) }
        }
        if scale < 1 { for i in 0..<7 { dq[i] *= scale } }
    }

    /// Forms `J Jᵀ + λ² I` and factors it in place (Cholesky, lower triangle).
    private mutating func factorSystem() {
        for a in 0..<6 {
            for b in 0...a {
                var sum = a == b ? damping * damping : 0
                for i in 0..<7 { sum += jacobian[a * 7 + i] * jacobian[b * 7 + i] }
                system[a * 6 + b] = sum
            }
        }
        for j in 0..<6 {
            var d = system[j * 6 + j]
            for k in 0..<j { d -= system[j * 6 + k] * system[j * 6 + k] }
            let l = d.squareRoot()
            system[j * 6 + j] = l
            for i in (j + 1)..<6 {
                var s = system[i * 6 + j]
                for k in 0..<j { s -= system[i * 6 + k] * system[j * 6 + k] }
                system[i * 6 + j] = s / l
            }
        }
    }

    /// Solves the factored system for `rhs`, in place.
    private mutating func solve() {
        for i in 0..<6 {
            var s = rhs[i]
            for k in 0..<i { s -= system[i * 6 + k] * rhs[k] }
            rhs[i] = s / system[i * 6 + i]
        }
        for i in stride(from: 5, through: 0, by: -1) {
            var s = rhs[i]
            for k in (i + 1)..<6 { s -= system[k * 6 + i] * rhs[k] }
            rhs[i] = s / system[i * 6 + i]
        }
    }
}

func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    [a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x]
}

func clampedLength(_ v: SIMD3<Double>, _ cap: Double) -> SIMD3<Double> {
    let l = length(v)
    return l > cap ? v * (cap / l) : v
}

extension ArmController {
    /// Joint angles that put the TCP at `tcp` (damped least squares, iterated from `start`, within the limits).
    static func inverseKinematics(tcp: Pose, from start: [Double]) -> [Double] {
        var controller = ArmController()
        controller.positionGain = 1
        controller.orientationGain = 1
        controller.postureGain = 0.05
        controller.maxLinearSpeed = 0.1
        controller.maxAngularSpeed = 0.3
        var q = start
        var dq = [Double](repeating: 0, count: 7)
        var frames = [Pose](repeating: .identity, count: 10)
        for _ in 0..<300 {
            PandaKinematics.forward(q, into: &frames)
            controller.jointVelocities(q: q, frames: frames, target: tcp, feedforward: .zero, into: &dq)
            for i in 0..<7 {
                q[i] = min(PandaKinematics.upperLimits[i], max(PandaKinematics.lowerLimits[i], q[i] + dq[i]))
            }
        }
        return q
    }
}
