import Foundation
import Render
import Sim

/// Hand-built scenes and labs for the renderer's tests, and small image measurements.
enum TestScenes {
    /// The reference scene with the arm at the Panda's ready pose.
    static var home: [VisualBody] { ReferenceScene().bodies }

    /// The arm reaching low over the table with the cup closed between its fingers, lifted off the table.
    static var holdingCup: [VisualBody] {
        var scene = ReferenceScene(joints: [0.35, 0.3, 0, -2.15, 0, 2.45, 0.35 - .pi / 4], gripperOpening: 0.07)
        scene.cupPose = Pose(position: scene.graspPoint.position - [0, 0, 0.005])
        return scene.bodies
    }

    /// The reference lab.
    static var lab: Lab { ReferenceScene.lab }

    /// Another lab: warm light low from the other side, a checkered table, a green cup, a distractor sphere.
    static var eveningLab: Lab {
        var lab = ReferenceScene.lab
        lab.name = "evening"
        lab.light = Lab.Light(direction: [-0.8, 0.3, 0.7], intensity: 0.6, ambient: 0.25)
        lab.tableColour = .init(0.55, 0.55, 0.52)
        lab.tableTexture = .checker(period: 0.1, second: .init(0.3, 0.3, 0.32))
        lab.background = .init(0.35, 0.3, 0.4)
        lab.cupColour = .init(0.1, 0.6, 0.15)
        lab.distractors = [Lab.Distractor(kind: .sphere, position: [0.65, 0.3], size: 0.08, colour: .init(0.85, 0.7, 0.1))]
        return lab
    }

    /// The home scene plus the evening lab's distractor sphere, resting on the table.
    static var homeWithDistractor: [VisualBody] {
        home + [VisualBody(shape: .sphere(radius: 0.04), pose: Pose(position: [0.65, 0.3, 0.04]), part: .distractor(0))]
    }

    /// The table alone.
    static var table: [VisualBody] { home.filter { $0.part == .table || $0.part == .tableLeg } }

    /// A lab whose parts all have distinct saturated colours, for finding things in images; light from straight above.
    static var primaryLab: Lab {
        var lab = ReferenceScene.lab
        lab.tableColour = .init(0.5, 0.5, 0.5)
        lab.cupColour = .init(1, 0, 0)
        lab.boxColour = .init(0, 0, 1)
        lab.light = Lab.Light(direction: [0, 0, 1], intensity: 0.7, ambient: 0.3)
        return lab
    }

    /// The mean column and row of the pixels satisfying `test`, and how many there are.
    static func centroid(_ image: RGBImage, where test: (UInt8, UInt8, UInt8) -> Bool) -> (x: Double, y: Double, count: Int) {
        var sx = 0.0, sy = 0.0, count = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image[x, y]
                if test(p.r, p.g, p.b) {
                    sx += Double(x)
                    sy += Double(y)
                    count += 1
                }
            }
        }
        return count == 0 ? (.nan, .nan, 0) : (sx / Double(count), sy / Double(count), count)
    }

    /// How many pixels differ between two images of the same size (all of them when the sizes differ).
    static func differingPixels(_ a: RGBImage, _ b: RGBImage) -> Int {
        guard a.width == b.width, a.height == b.height else { return max(a.width * a.height, b.width * b.height) }
        return (0..<(a.width * a.height)).filter { a[$0 % a.width, $0 / a.width] != b[$0 % a.width, $0 / a.width] }.count
    }

    /// True for a clearly red, green or blue pixel.
    static func isRed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool { Int(r) > Int(g) + 80 && Int(r) > Int(b) + 80 }
    static func isBlue(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool { Int(b) > Int(r) + 80 && Int(b) > Int(g) + 80 }
    static func isGreen(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool { Int(g) > Int(r) + 80 && Int(g) > Int(b) + 80 }
}
