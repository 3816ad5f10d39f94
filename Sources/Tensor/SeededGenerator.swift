import Foundation

/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64): the same seed gives the same stream
/// on every machine, which is what makes initialisation, masking and sampling reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose stream is fixed by `seed`.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A uniform Float in `[0, 1)` with 24 random bits.
    public mutating func nextUnit() -> Float {
        Float(next() >> 40) * (1 / Float(1 << 24))
    }

    /// A standard normal Float (Box–Muller).
    public mutating func nextNormal() -> Float {
        let u1 = Double(next() >> 11 | 1) * (1 / Double(1 << 53))
        let u2 = Double(next() >> 11) * (1 / Double(1 << 53))
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension Tensor {
    /// Scalars drawn from a normal distribution with mean 0 and standard deviation `std`.
    public static func randomNormal(_ shape: [Int], std: Float = 1, using generator: inout SeededGenerator) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<count).map { _ in generator.nextNormal() * std })
    }

    /// Scalars drawn uniformly from `range`.
    public static func randomUniform(
        _ shape: [Int], in range: ClosedRange<Float>, using generator: inout SeededGenerator
    ) -> Tensor {
        let count = shape.reduce(1, *)
        let width = range.upperBound - range.lowerBound
        return Tensor(shape: shape, scalars: (0..<count).map { _ in range.lowerBound + generator.nextUnit() * width })
    }
}
