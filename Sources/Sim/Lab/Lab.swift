/// A scene variant: appearance, lighting and camera. Data are collected in `train`; tables are evaluated
/// zero-shot in labs never seen in training (`lab-a`, `lab-b`), as the paper evaluates in two unseen labs.
public struct Lab: Hashable, Sendable, Codable {
    /// A linear RGB colour, components in [0, 1].
    public struct Colour: Hashable, Sendable, Codable {
        public var r: Double, g: Double, b: Double
        public init(_ r: Double, _ g: Double, _ b: Double) {
            self.r = r
            self.g = g
            self.b = b
        }
    }

    /// The table top's pattern: plain, or a checkerboard / stripes of two colours with the given period in metres.
    public enum Texture: Hashable, Sendable, Codable {
        case plain
        case checker(period: Double, second: Colour)
        case stripes(period: Double, second: Colour)
    }

    /// A pinhole camera looking from `position` at `target`, `up` roughly up in the image.
    public struct Camera: Hashable, Sendable, Codable {
        public var position: SIMD3<Double>
        public var target: SIMD3<Double>
        public var up: SIMD3<Double>
        /// Vertical field of view in degrees.
        public var fieldOfView: Double
        public init(position: SIMD3<Double>, target: SIMD3<Double>, up: SIMD3<Double> = [0, 0, 1], fieldOfView: Double) {
            self.position = position
            self.target = target
            self.up = up
            self.fieldOfView = fieldOfView
        }
    }

    /// A directional light: `direction` points from the scene towards the light.
    public struct Light: Hashable, Sendable, Codable {
        public var direction: SIMD3<Double>
        public var intensity: Double
        /// The ambient term added to every lit surface, as a fraction of full brightness.
        public var ambient: Double
        public init(direction: SIMD3<Double>, intensity: Double, ambient: Double) {
            self.direction = direction
            self.intensity = intensity
            self.ambient = ambient
        }
    }

    /// A static object on the table that takes no part in any task.
    public struct Distractor: Hashable, Sendable, Codable {
        public enum Kind: String, Hashable, Sendable, Codable { case box, cylinder, sphere }
        public var kind: Kind
        /// Centre on the table (x, y) in metres; the object rests on the table top.
        public var position: SIMD2<Double>
        /// Size in metres (side of a box, diameter of a cylinder or sphere).
        public var size: Double
        public var colour: Colour
        public init(kind: Kind, position: SIMD2<Double>, size: Double, colour: Colour) {
            self.kind = kind
            self.position = position
            self.size = size
            self.colour = colour
        }
    }

    public var name: String
    public var tableColour: Colour
    public var tableTexture: Texture
    public var floorColour: Colour
    public var background: Colour
    public var armColour: Colour
    public var fingerColour: Colour
    public var cupColour: Colour
    public var boxColour: Colour
    public var light: Light
    public var camera: Camera
    public var distractors: [Distractor]

    public init(
        name: String, tableColour: Colour, tableTexture: Texture = .plain, floorColour: Colour, background: Colour,
        armColour: Colour, fingerColour: Colour, cupColour: Colour, boxColour: Colour, light: Light, camera: Camera,
        distractors: [Distractor] = []
    ) {
        self.name = name
        self.tableColour = tableColour
        self.tableTexture = tableTexture
        self.floorColour = floorColour
        self.background = background
        self.armColour = armColour
        self.fingerColour = fingerColour
        self.cupColour = cupColour
        self.boxColour = boxColour
        self.light = light
        self.camera = camera
        self.distractors = distractors
    }
}
