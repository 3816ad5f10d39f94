import Sim

/// An affine map `p ↦ linear · p + offset` of 3-D space, in double precision for composing per body.
struct Affine {
    /// Columns of the linear part.
    var x: SIMD3<Double>, y: SIMD3<Double>, z: SIMD3<Double>
    var offset: SIMD3<Double>

    init(x: SIMD3<Double>, y: SIMD3<Double>, z: SIMD3<Double>, offset: SIMD3<Double>) {
        self.x = x
        self.y = y
        self.z = z
        self.offset = offset
    }

    init(_ pose: Pose) {
        self.init(x: pose.rotation.x, y: pose.rotation.y, z: pose.rotation.z, offset: pose.position)
    }

    func apply(_ p: SIMD3<Double>) -> SIMD3<Double> { x * p.x + y * p.y + z * p.z + offset }

    func applyLinear(_ v: SIMD3<Double>) -> SIMD3<Double> { x * v.x + y * v.y + z * v.z }

    /// `self ∘ other`: `other` first.
    func composed(with other: Affine) -> Affine {
        Affine(x: applyLinear(other.x), y: applyLinear(other.y), z: applyLinear(other.z), offset: apply(other.offset))
    }

    /// The projection along `direction` onto the horizontal plane at `height` (`direction.z` must not be zero).
    static func flatten(along direction: SIMD3<Double>, ontoHeight height: Double) -> Affine {
        let slope = SIMD3<Double>(direction.x / direction.z, direction.y / direction.z, 1)
        return Affine(x: [1, 0, 0], y: [0, 1, 0], z: [-slope.x, -slope.y, 0],
                      offset: [slope.x * height, slope.y * height, height])
    }

    /// The same map in single precision, for the per-vertex loop.
    var single: SingleAffine {
        SingleAffine(x: SIMD3<Float>(x), y: SIMD3<Float>(y), z: SIMD3<Float>(z), offset: SIMD3<Float>(offset))
    }
}

/// An `Affine` in single precision.
struct SingleAffine {
    var x: SIMD3<Float>, y: SIMD3<Float>, z: SIMD3<Float>, offset: SIMD3<Float>

    @inline(__always) func apply(_ p: SIMD3<Float>) -> SIMD3<Float> { x * p.x + y * p.y + z * p.z + offset }
}
