/// The free objects of every scene, in the order of `World.observables.objects` and the data files' `objects`.
public enum SceneObject: String, CaseIterable, Hashable, Sendable, Codable {
    /// A cylindrical cup, 6.6 cm across and 9 cm high.
    case cup
    /// A 5 cm cube.
    case box

    /// Parses a name (`cup`, `box`); an unknown name is an error listing the valid ones.
    public init(named name: String) throws {
        guard let object = SceneObject(rawValue: name) else {
            throw SimError.unknownObject(name, valid: SceneObject.allCases.map(\.rawValue))
        }
        self = object
    }

    /// Index in `World.observables.objects`.
    public var index: Int { self == .cup ? 0 : 1 }

    /// Height of the object (m); it rests with its centre at half this height.
    public var height: Double { self == .cup ? 0.09 : 0.05 }

    /// Width across the gripper's fingers when grasped (m).
    public var width: Double { self == .cup ? 0.066 : 0.05 }

    public var mass: Double { self == .cup ? 0.12 : 0.1 }

    /// The drawable and collision shape, centred on the object's origin.
    public var shape: VisualBody.Shape {
        self == .cup ? .cup(radius: width / 2, height: height, wall: 0.004) : .box(size: [width, width, width])
    }

    /// Where the TCP goes to grasp it, above the object's base (pads reach 1 cm below the TCP).
    var graspHeight: Double { self == .cup ? 0.058 : 0.022 }
}
