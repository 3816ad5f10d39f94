/// Camera space → pixel coordinates in single precision, with clipping at the near plane.
struct Projector {
    let focal: Float
    let centreX: Float, centreY: Float

    init(_ projection: CameraProjection) {
        focal = Float(projection.focal)
        centreX = Float(projection.centre.x)
        centreY = Float(projection.centre.y)
    }

    /// The pixel position of a camera-space point in front of the near plane (others give unused values).
    @inline(__always) func project(_ c: SIMD3<Float>, colour: SIMD3<Float>) -> ScreenVertex {
        let inverse = 1 / Swift.max(c.z, Renderer.nearPlane)
        return ScreenVertex(x: centreX + focal * c.x * inverse, y: centreY + focal * c.y * inverse,
                            inverseDepth: inverse, colour: colour)
    }

    /// Clips a camera-space triangle (positions with colours) to the near plane and passes the 0, 1 or 2 projected
    /// triangles that remain to `emit`, in the original winding.
    func clip(_ a: (SIMD3<Float>, SIMD3<Float>), _ b: (SIMD3<Float>, SIMD3<Float>), _ c: (SIMD3<Float>, SIMD3<Float>),
              emit: (ScreenVertex, ScreenVertex, ScreenVertex) -> Void) {
        let near = Renderer.nearPlane
        let corners = [a, b, c]
        var polygon: [ScreenVertex] = []
        for i in 0..<3 {
            let (p, pc) = corners[i], (q, qc) = corners[(i + 1) % 3]
            if p.z >= near { polygon.append(project(p, colour: pc)) }
            if (p.z >= near) != (q.z >= near) {
                let t = (near - p.z) / (q.z - p.z)
                polygon.append(project(p + (q - p) * t, colour: pc + (qc - pc) * t))
            }
        }
        guard polygon.count >= 3 else { return }
        for k in 1..<(polygon.count - 1) { emit(polygon[0], polygon[k], polygon[k + 1]) }
    }
}
