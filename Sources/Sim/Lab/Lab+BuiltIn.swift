extension Lab {
    /// The lab all training data are collected in: light wood table, grey walls, camera at the arm's right side.
    public static let train = Lab(
        name: "train", tableColour: Colour(0.72, 0.56, 0.38), floorColour: Colour(0.35, 0.33, 0.3),
        background: Colour(0.78, 0.8, 0.82), armColour: Colour(0.93, 0.93, 0.92), fingerColour: Colour(0.2, 0.2, 0.22),
        cupColour: Colour(0.85, 0.15, 0.12), boxColour: Colour(0.15, 0.35, 0.85),
        light: Light(direction: [0.3, -0.5, 1], intensity: 0.85, ambient: 0.3),
        camera: Camera(position: [0.5, -1.0, 0.55], target: [0.4, 0, 0.12], fieldOfView: 50))

    /// An unseen lab: dark checkered table, warm light from the left, blue-grey walls, other object colours,
    /// camera a little higher and further forward, one distractor out of the task workspace.
    public static let labA = Lab(
        name: "lab-a", tableColour: Colour(0.3, 0.3, 0.32), tableTexture: .checker(period: 0.1, second: Colour(0.42, 0.42, 0.45)),
        floorColour: Colour(0.5, 0.45, 0.4), background: Colour(0.55, 0.62, 0.7), armColour: Colour(0.9, 0.9, 0.88),
        fingerColour: Colour(0.25, 0.25, 0.25), cupColour: Colour(0.95, 0.75, 0.1), boxColour: Colour(0.1, 0.6, 0.25),
        light: Light(direction: [-0.4, -0.3, 1], intensity: 0.75, ambient: 0.35),
        camera: Camera(position: [0.6, -0.95, 0.62], target: [0.42, 0, 0.1], fieldOfView: 48),
        distractors: [Distractor(kind: .cylinder, position: [0.8, 0.4], size: 0.08, colour: Colour(0.6, 0.2, 0.6))])

    /// An unseen lab: pale striped table, dim cool light from behind, dark walls, camera lower and further back.
    public static let labB = Lab(
        name: "lab-b", tableColour: Colour(0.85, 0.85, 0.8), tableTexture: .stripes(period: 0.15, second: Colour(0.7, 0.72, 0.75)),
        floorColour: Colour(0.2, 0.22, 0.25), background: Colour(0.25, 0.25, 0.3), armColour: Colour(0.95, 0.95, 0.95),
        fingerColour: Colour(0.15, 0.15, 0.15), cupColour: Colour(0.2, 0.75, 0.8), boxColour: Colour(0.9, 0.45, 0.1),
        light: Light(direction: [0.6, 0.4, 1], intensity: 0.65, ambient: 0.25),
        camera: Camera(position: [0.42, -1.08, 0.48], target: [0.38, 0, 0.14], fieldOfView: 52),
        distractors: [Distractor(kind: .box, position: [0.75, -0.45], size: 0.07, colour: Colour(0.8, 0.8, 0.2)),
                      Distractor(kind: .sphere, position: [0.1, 0.5], size: 0.06, colour: Colour(0.9, 0.3, 0.5))])

    /// The built-in labs by name.
    public static let builtIn: [Lab] = [.train, .labA, .labB]

    /// The built-in lab called `name`; an unknown name is an error listing the valid names.
    public static func named(_ name: String) throws -> Lab {
        guard let lab = builtIn.first(where: { $0.name == name }) else {
            throw SimError.unknownLab(name, valid: builtIn.map(\.name))
        }
        return lab
    }
}
