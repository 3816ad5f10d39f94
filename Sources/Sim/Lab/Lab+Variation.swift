extension Lab {
    /// This lab with its appearance drawn at random from `seed` (domain randomisation): table colour and pattern,
    /// floor, walls, object and arm colours, light, a camera moved by up to about 12 cm and 4° of view, and zero to
    /// two distractors outside the task region. Geometry and physics are unchanged, so the same episode seed acts
    /// identically in every variation.
    ///
    /// The ranges contain the unseen labs' values (`lab-a`, `lab-b`) without reproducing them, the way the paper's
    /// training videos span many rooms that do not include its evaluation labs.
    public func varied(seed: UInt64) -> Lab {
        var random = SeededRandom(seed: seed)
        func colour(_ brightness: ClosedRange<Double>, saturation: ClosedRange<Double>) -> Colour {
            Colour.random(brightness: brightness, saturation: saturation, using: &random)
        }
        var lab = self
        lab.tableColour = colour(0.25...0.9, saturation: 0...0.5)
        lab.tableTexture = switch Int.random(in: 0..<3, using: &random) {
        case 0: .plain
        case 1: .checker(period: random.uniform(0.06...0.2), second: colour(0.25...0.9, saturation: 0...0.3))
        default: .stripes(period: random.uniform(0.08...0.2), second: colour(0.25...0.9, saturation: 0...0.3))
        }
        lab.floorColour = colour(0.15...0.55, saturation: 0...0.3)
        lab.background = colour(0.2...0.85, saturation: 0...0.3)
        lab.armColour = colour(0.85...0.97, saturation: 0...0.05)
        lab.fingerColour = colour(0.12...0.3, saturation: 0...0.05)
        lab.cupColour = colour(0.6...0.95, saturation: 0.6...0.9)
        lab.boxColour = colour(0.6...0.95, saturation: 0.6...0.9)
        lab.light = Light(direction: [random.uniform(-0.7...0.7), random.uniform(-0.6...0.5), 1],
                          intensity: random.uniform(0.6...0.9), ambient: random.uniform(0.22...0.38))
        lab.camera.position += SIMD3(random.uniform(-0.12...0.12), random.uniform(-0.1...0.1), random.uniform(-0.09...0.09))
        lab.camera.target += SIMD3(random.uniform(-0.03...0.03), random.uniform(-0.02...0.02), random.uniform(-0.03...0.03))
        lab.camera.fieldOfView += random.uniform(-4...4)
        let spots: [SIMD2<Double>] = [[0.8, 0.42], [0.78, -0.45], [0.12, 0.5], [0.1, -0.5]]
        lab.distractors = spots.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)).map { spot in
            Distractor(kind: [.box, .cylinder, .sphere].randomElement(using: &random) ?? .box,
                       position: spot + SIMD2(random.uniform(-0.04...0.04), random.uniform(-0.04...0.04)),
                       size: random.uniform(0.05...0.09), colour: colour(0.3...0.9, saturation: 0.3...0.8))
        }
        return lab
    }
}

extension Lab.Colour {
    /// A colour of random hue with its brightest component in `brightness` and its saturation in `saturation`.
    static func random(brightness: ClosedRange<Double>, saturation: ClosedRange<Double>,
                       using random: inout SeededRandom) -> Lab.Colour {
        let value = random.uniform(brightness), chroma = value * random.uniform(saturation)
        let hue = random.uniform(0...6), second = chroma * (1 - abs(hue.truncatingRemainder(dividingBy: 2) - 1))
        let low = value - chroma
        let (r, g, b): (Double, Double, Double) = switch Int(hue) {
        case 0: (chroma, second, 0)
        case 1: (second, chroma, 0)
        case 2: (0, chroma, second)
        case 3: (0, second, chroma)
        case 4: (second, 0, chroma)
        default: (chroma, 0, second)
        }
        return Lab.Colour(low + r, low + g, low + b)
    }
}
