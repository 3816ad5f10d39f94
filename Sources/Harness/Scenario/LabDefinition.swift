import Sim

/// Inline labs: `labs: {NAME: {base: lab-a, camera: {position: [0.7, -0.9, 0.6]}, …}}` starts from a built-in lab
/// (default `train`) and overrides the fields given. Colours are `[r, g, b]` in [0, 1], positions in metres.
enum LabDefinition {
    static let keys = ["base", "table_colour", "table_texture", "floor_colour", "background", "arm_colour", "finger_colour",
                       "cup_colour", "box_colour", "light", "camera", "distractors"]

    /// Reads the lab called `name` from `node`.
    static func read(_ node: ScenarioNode, name: String, path: String) throws -> Lab {
        let fields = try node.fields(path, valid: keys)
        let baseName = try fields.optional("base")?.choice(fields.path("base"), of: Lab.builtIn.map(\.name), what: "lab") ?? "train"
        var lab = try Lab.named(baseName)
        lab.name = name
        func colour(_ key: String) throws -> Lab.Colour? {
            try fields.optional(key).map { try readColour($0, path: fields.path(key)) }
        }
        if let c = try colour("table_colour") { lab.tableColour = c }
        if let c = try colour("floor_colour") { lab.floorColour = c }
        if let c = try colour("background") { lab.background = c }
        if let c = try colour("arm_colour") { lab.armColour = c }
        if let c = try colour("finger_colour") { lab.fingerColour = c }
        if let c = try colour("cup_colour") { lab.cupColour = c }
        if let c = try colour("box_colour") { lab.boxColour = c }
        if let texture = fields.optional("table_texture") { lab.tableTexture = try readTexture(texture, path: fields.path("table_texture")) }
        if let light = fields.optional("light") {
            let f = try light.fields(fields.path("light"), valid: ["direction", "intensity", "ambient"])
            if let d = f.optional("direction") { lab.light.direction = try vector3(d, path: f.path("direction")) }
            if let i = f.optional("intensity") { lab.light.intensity = try i.double(f.path("intensity"), in: 0...4) }
            if let a = f.optional("ambient") { lab.light.ambient = try a.double(f.path("ambient"), in: 0...1) }
        }
        if let camera = fields.optional("camera") {
            let f = try camera.fields(fields.path("camera"), valid: ["position", "target", "up", "field_of_view"])
            if let p = f.optional("position") { lab.camera.position = try vector3(p, path: f.path("position")) }
            if let t = f.optional("target") { lab.camera.target = try vector3(t, path: f.path("target")) }
            if let u = f.optional("up") { lab.camera.up = try vector3(u, path: f.path("up")) }
            if let v = f.optional("field_of_view") { lab.camera.fieldOfView = try v.double(f.path("field_of_view"), in: 5...150) }
            guard lab.camera.position != lab.camera.target else {
                throw ScenarioError("\(fields.path("camera")): position and target must differ", at: camera.location)
            }
        }
        if let list = fields.optional("distractors") {
            lab.distractors = try list.list(fields.path("distractors")).enumerated().map { i, item in
                let p = fields.path("distractors") + "[\(i)]"
                let f = try item.fields(p, valid: ["kind", "position", "size", "colour"])
                let kinds = ["box", "cylinder", "sphere"]
                let kind = try f.required("kind").choice(f.path("kind"), of: kinds, what: "distractor kind")
                let xy = try f.required("position").numbers(f.path("position"), count: 2)
                return Lab.Distractor(
                    kind: Lab.Distractor.Kind(rawValue: kind) ?? .box, position: SIMD2(xy[0], xy[1]),
                    size: try f.required("size").double(f.path("size"), in: 0.01...0.3),
                    colour: try readColour(f.required("colour"), path: f.path("colour")))
            }
        }
        return lab
    }

    private static func readColour(_ node: ScenarioNode, path: String) throws -> Lab.Colour {
        let rgb = try node.numbers(path, count: 3)
        guard rgb.allSatisfy({ (0...1).contains($0) }) else {
            throw ScenarioError("\(path): colour components must be in 0...1, got \(rgb)", at: node.location)
        }
        return Lab.Colour(rgb[0], rgb[1], rgb[2])
    }

    private static func vector3(_ node: ScenarioNode, path: String) throws -> SIMD3<Double> {
        let v = try node.numbers(path, count: 3)
        return SIMD3(v[0], v[1], v[2])
    }

    private static func readTexture(_ node: ScenarioNode, path: String) throws -> Lab.Texture {
        if case .scalar = node.content {
            _ = try node.choice(path, of: ["plain"], what: "texture (give checker and stripes as {kind, period, second})")
            return .plain
        }
        let f = try node.fields(path, valid: ["kind", "period", "second"])
        let kind = try f.required("kind").choice(f.path("kind"), of: ["plain", "checker", "stripes"], what: "texture")
        if kind == "plain" { return .plain }
        let period = try f.required("period").double(f.path("period"), in: 0.01...2)
        let second = try readColour(f.required("second"), path: f.path("second"))
        return kind == "checker" ? .checker(period: period, second: second) : .stripes(period: period, second: second)
    }
}
