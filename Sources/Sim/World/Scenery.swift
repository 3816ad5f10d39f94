import CODE

/// The static scene: floor, table top and legs, arm base, and a lab's distractors, as visuals and collision shapes.
enum Scenery {
    /// Floor height (m): the table top is at 0.
    static let floor = -0.75
    static let tableTop = VisualBody(shape: .box(size: [1.1, 1.3, 0.04]), pose: Pose(position: [0.35, 0, -0.02]), part: .table)
    static let legs: [VisualBody] = [[-0.15, -0.6], [-0.15, 0.6], [0.85, -0.6], [0.85, 0.6]].map { (xy: SIMD2<Double>) in
        VisualBody(shape: .box(size: [0.05, 0.05, 0.71]), pose: Pose(position: [xy.x, xy.y, -0.395]), part: .tableLeg)
    }
    static let base = VisualBody(shape: .cylinder(radius: 0.075, length: 0.13), pose: Pose(position: [0, 0, 0.065]),
                                 part: .armBase)

    /// The table top's footprint (min x, max x, min y, max y).
    static let footprint: SIMD4<Double> = [-0.2, 0.9, -0.65, 0.65]

    static func isOverTable(_ p: SIMD3<Double>) -> Bool {
        p.x >= footprint[0] && p.x <= footprint[1] && p.y >= footprint[2] && p.y <= footprint[3]
    }

    /// The lab's distractors as drawable bodies, resting on the table.
    static func distractors(of lab: Lab) -> [VisualBody] {
        lab.distractors.enumerated().map { index, d in
            let shape: VisualBody.Shape = switch d.kind {
            case .box: .box(size: [d.size, d.size, d.size])
            case .cylinder: .cylinder(radius: d.size / 2, length: d.size)
            case .sphere: .sphere(radius: d.size / 2)
            }
            return VisualBody(shape: shape, pose: Pose(position: [d.position.x, d.position.y, d.size / 2]),
                              part: .distractor(index))
        }
    }

    /// Adds the static collision shapes of `lab`'s scene to `physics`: floor, table top (solid over its
    /// footprint), arm base and distractors. The legs, at the table's far corners, are drawn but do not collide.
    static func build(in physics: PhysicsWorld, lab: Lab) {
        physics.addPlane(offset: floor)
        physics.addTableTop(height: 0, footprint: footprint)
        for body in distractors(of: lab) {
            physics.addStatic(body.shape.odeGeom(), at: body.pose)
        }
        physics.addStatic(base.shape.odeGeom(), at: base.pose, category: .arm)
    }
}
