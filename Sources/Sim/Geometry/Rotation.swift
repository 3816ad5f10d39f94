import Foundation

/// A rotation of 3-D space, stored as the images of the unit axes (the columns of its matrix).
///
/// `rotation.apply(v) == x * v.x + y * v.y + z * v.z`. Angles in radians; Euler angles are roll-pitch-yaw about
/// fixed x, y, z axes (`R = Rz(yaw) · Ry(pitch) · Rx(roll)`), the convention of Droid's end-effector state.
public struct Rotation: Hashable, Sendable {
    public var x: SIMD3<Double>
    public var y: SIMD3<Double>
    public var z: SIMD3<Double>

    public init(x: SIMD3<Double>, y: SIMD3<Double>, z: SIMD3<Double>) {
        self.x = x
        self.y = y
        self.z = z
    }

    public static let identity = Rotation(x: [1, 0, 0], y: [0, 1, 0], z: [0, 0, 1])

    /// The rotation of the unit quaternion `w + xi + yj + zk` (normalised first).
    public init(quaternion q: SIMD4<Double>) {
        let n = q / (q * q).sum().squareRoot()
        let (w, a, b, c) = (n[0], n[1], n[2], n[3])
        x = [1 - 2 * (b * b + c * c), 2 * (a * b + w * c), 2 * (a * c - w * b)]
        y = [2 * (a * b - w * c), 1 - 2 * (a * a + c * c), 2 * (b * c + w * a)]
        z = [2 * (a * c + w * b), 2 * (b * c - w * a), 1 - 2 * (a * a + b * b)]
    }

    /// `Rz(yaw) · Ry(pitch) · Rx(roll)`.
    public init(roll: Double, pitch: Double, yaw: Double) {
        let (sr, cr) = (sin(roll), cos(roll))
        let (sp, cp) = (sin(pitch), cos(pitch))
        let (sy, cy) = (sin(yaw), cos(yaw))
        x = [cy * cp, sy * cp, -sp]
        y = [cy * sp * sr - sy * cr, sy * sp * sr + cy * cr, cp * sr]
        z = [cy * sp * cr + sy * sr, sy * sp * cr - cy * sr, cp * cr]
    }

    /// Roll, pitch and yaw with `R = Rz(yaw) · Ry(pitch) · Rx(roll)`, pitch in [-π/2, π/2].
    public var eulerAngles: (roll: Double, pitch: Double, yaw: Double) {
        let pitch = asin(max(-1, min(1, -x.z)))
        return (atan2(y.z, z.z), pitch, atan2(x.y, x.x))
    }

    public func apply(_ v: SIMD3<Double>) -> SIMD3<Double> { x * v.x + y * v.y + z * v.z }

    /// The composition `self · other` (apply `other` first).
    public func composed(with other: Rotation) -> Rotation {
        Rotation(x: apply(other.x), y: apply(other.y), z: apply(other.z))
    }

    public var inverse: Rotation {
        Rotation(x: [x.x, y.x, z.x], y: [x.y, y.y, z.y], z: [x.z, y.z, z.z])
    }
}
