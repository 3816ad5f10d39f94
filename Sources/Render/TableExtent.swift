import Sim

/// Where the table is: the height of its top face and of the lowest point of the table and its legs (the floor).
struct TableExtent {
    var top: Double
    var bottom: Double

    /// Nil when the scene has no `.table` body.
    init?(_ bodies: [VisualBody], meshes: (VisualBody.Shape) -> Mesh) {
        var top = -Double.infinity, bottom = Double.infinity
        for body in bodies where body.part == .table || body.part == .tableLeg {
            let pose = Affine(body.pose)
            for p in meshes(body.shape).positions {
                let z = pose.apply(SIMD3<Double>(p)).z
                if body.part == .table { top = max(top, z) }
                bottom = min(bottom, z)
            }
        }
        guard top > -.infinity else { return nil }
        self.top = top
        self.bottom = bottom
    }
}
