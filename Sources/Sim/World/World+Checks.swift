extension World {
    /// A random free-play world in `lab` drawn from `seed` (see `Arrangement.random(seed:)`).
    public convenience init(lab: Lab = .train, seed: UInt64, settings: Settings = .init()) {
        self.init(lab: lab, arrangement: .random(seed: seed), settings: settings)
    }

    /// Linear speed of each object (m/s), in `SceneObject.allCases` order (privileged: for checks only).
    public var objectSpeeds: [Double] { objectBodies.map { length($0.linearVelocity) } }

    /// Absolute angular speed of each arm joint (rad/s) (privileged: for checks only).
    public var jointSpeeds: [Double] { arm.angleRates().map(abs) }

    /// How far the lowest point of the arm and gripper lies below the table top, where it is over the table
    /// (m; 0 when everything is above it).
    public var armPenetration: Double {
        let lowest = visualBodies.filter { body in
            switch body.part {
            case .armLink, .hand, .finger: Scenery.isOverTable(body.pose.position)
            default: false
            }
        }.map(\.lowestPoint).min() ?? 0
        return max(0, -lowest)
    }

    /// Violations of physical bounds now, described (empty when all is well): joint speeds above 1.5× the
    /// Panda's limits, objects faster than 5 m/s, the arm or gripper more than 1 cm into the table, an object
    /// through the table top or out of the room.
    public var boundViolations: [String] {
        var found: [String] = []
        for (i, speed) in jointSpeeds.enumerated() where speed > 1.5 * PandaKinematics.maxVelocities[i] {
            found.append("joint \(i + 1) at \(speed) rad/s (limit \(PandaKinematics.maxVelocities[i]))")
        }
        for (object, speed) in zip(SceneObject.allCases, objectSpeeds) where speed > 5 {
            found.append("\(object.rawValue) at \(speed) m/s")
        }
        let penetration = armPenetration
        if penetration > 0.01 { found.append("arm \(penetration) m into the table") }
        for object in SceneObject.allCases {
            let p = pose(of: object).position
            if Scenery.isOverTable(p) && p.z < -0.01 { found.append("\(object.rawValue) through the table at \(p)") }
            if abs(p.x) > 3 || abs(p.y) > 3 || p.z < Scenery.floor - 0.01 || p.z > 2 {
                found.append("\(object.rawValue) out of the room at \(p)")
            }
        }
        return found
    }
}

extension VisualBody {
    /// The lowest z of this primitive.
    var lowestPoint: Double {
        let r = pose.rotation, c = pose.position.z
        switch shape {
        case let .box(size):
            return c - 0.5 * (abs(r.x.z) * size.x + abs(r.y.z) * size.y + abs(r.z.z) * size.z)
        case let .capsule(radius, length):
            return c - 0.5 * length * abs(r.z.z) - radius
        case let .cylinder(radius, length), let .cup(radius, length, _):
            return c - 0.5 * length * abs(r.z.z) - radius * (1 - r.z.z * r.z.z).squareRoot()
        case let .sphere(radius):
            return c - radius
        }
    }
}
