/// The exact state of a `World` between policy steps.
public struct WorldSnapshot: Hashable, Sendable {
    let bodies: [Double]
    let solverSeed: UInt
    let gripperCommand: Double
    let actionCount: Int
}

