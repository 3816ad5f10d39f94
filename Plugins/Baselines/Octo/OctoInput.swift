import Tensor

/// How frames become the policy's pixel input: each observation frame stacked with the goal image on its channels
/// (and, with `difference`, with goal − frame), `(value / 255 − 0.5) / 0.25` per channel, after an optional augmentation (the same for every image of one example,
/// as the goal is seen through the same camera and light as the observation).
public enum OctoInput {
    /// A random image shift (crop of a replicate-padded image) and colour change, Octo's crop and colour augmentation.
    public struct Augmentation: Sendable, Equatable {
        public var dx = 0, dy = 0
        public var brightness: Float = 0
        public var contrast: Float = 1
        public var gains: [Float] = [1, 1, 1]

        public init() {}

        public static let none = Augmentation()

        /// Shifts up to `maxShift` pixels; at `colour` 1 brightness ±0.1, contrast 0.8–1.2 and per-channel gain
        /// 0.9–1.1, each range `colour` times as wide (contrast and gains kept ≥ 0.1).
        public static func random(maxShift: Int, colour: Float = 1, using generator: inout SeededGenerator) -> Augmentation {
            var a = Augmentation()
            let span = 2 * maxShift + 1
            a.dx = Int(generator.next() % UInt64(span)) - maxShift
            a.dy = Int(generator.next() % UInt64(span)) - maxShift
            a.brightness = (generator.nextUnit() - 0.5) * 0.2 * colour
            a.contrast = max(0.1, 1 + (generator.nextUnit() - 0.5) * 0.4 * colour)
            a.gains = (0..<3).map { _ in max(0.1, 1 + (generator.nextUnit() - 0.5) * 0.2 * colour) }
            return a
        }
    }

    /// Appends the `[frames.count, size, size, 6 or 9]` input of one example to `out`: every frame (`size × size × 3`
    /// bytes) beside the goal, then (with `difference`) goal − frame, which is zero wherever nothing moved.
    public static func append(frames: [ArraySlice<UInt8>], goal: ArraySlice<UInt8>, size: Int, difference: Bool,
                              augmentation a: Augmentation, to out: inout [Float]) {
        var lookup = [[Float]](repeating: [], count: 3)
        for c in 0..<3 {
            lookup[c] = (0..<256).map { byte in
                let v = ((Float(byte) / 255 - 0.5) * a.contrast + 0.5 + a.brightness) * a.gains[c]
                return (v - 0.5) / 0.25
            }
        }
        for frame in frames {
            let (f, g) = (frame.startIndex, goal.startIndex)
            for y in 0..<size {
                let sy = min(max(y + a.dy, 0), size - 1)
                for x in 0..<size {
                    let source = 3 * (sy * size + min(max(x + a.dx, 0), size - 1))
                    let (u, v) = (f + source, g + source)
                    for c in 0..<3 { out.append(lookup[c][Int(frame[u + c])]) }
                    for c in 0..<3 { out.append(lookup[c][Int(goal[v + c])]) }
                    if difference { for c in 0..<3 { out.append(lookup[c][Int(goal[v + c])] - lookup[c][Int(frame[u + c])]) } }
                }
            }
        }
    }
}
