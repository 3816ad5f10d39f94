extension World {
    /// Every drawable primitive of the scene in world coordinates: table and legs, arm base, links, hand, fingers,
    /// cup, box and the lab's distractors.
    public var visualBodies: [VisualBody] {
        var bodies = [Scenery.tableTop] + Scenery.legs + [Scenery.base]
        for i in 0..<7 {
            let frame = arm.linkFrame(i)
            for part in Arm.parts[i] {
                bodies.append(VisualBody(shape: part.shape, pose: frame.composed(with: part.pose),
                                         part: part.isHand ? .hand : .armLink(i + 1)))
            }
        }
        let size = PandaKinematics.fingerSize
        for finger in arm.fingers {
            bodies.append(VisualBody(shape: .box(size: size), pose: RigidBody(id: finger).pose, part: .finger))
        }
        for object in SceneObject.allCases {
            bodies.append(VisualBody(shape: object.shape, pose: pose(of: object), part: object == .cup ? .cup : .box))
        }
        return bodies + Scenery.distractors(of: lab)
    }
}
