import Data
import Foundation

/// Per-dimension mean and standard deviation of the play data's actions and states, by which the policy sees states
/// and predicts actions (Octo normalises both by dataset statistics). Stored in the checkpoint beside the weights.
///
/// Actions are rows `0..<T-1` of each episode (the last row is padding); a deviation below `minimumStd` is raised to
/// it, so a dimension the data barely moves (rotation) is not blown up into noise.
public struct OctoNormalization: Codable, Equatable, Sendable {
    public var actionMean: [Float]
    public var actionStd: [Float]
    public var stateMean: [Float]
    public var stateStd: [Float]

    public static let minimumStd: Float = 1e-3

    enum CodingKeys: String, CodingKey {
        case actionMean = "action_mean", actionStd = "action_std", stateMean = "state_mean", stateStd = "state_std"
    }

    public init(actionMean: [Float], actionStd: [Float], stateMean: [Float], stateStd: [Float]) {
        (self.actionMean, self.actionStd, self.stateMean, self.stateStd) = (actionMean, actionStd, stateMean, stateStd)
    }

    /// The statistics of `episodes` (accumulated in Double).
    public init(episodes: [Episode]) throws {
        let width = Episode.stateWidth
        var a = Moments(width), s = Moments(width)
        for episode in episodes {
            for t in 0..<episode.steps {
                s.add(episode.state[(t * width)..<((t + 1) * width)])
                if t + 1 < episode.steps { a.add(episode.action[(t * width)..<((t + 1) * width)]) }
            }
        }
        guard a.count > 0 else { throw OctoError.invalid("normalisation needs episodes of at least 2 steps") }
        (actionMean, actionStd) = a.result(floor: Self.minimumStd)
        (stateMean, stateStd) = s.result(floor: Self.minimumStd)
    }

    /// `(x − mean) / std` for each of `rows` 7-value rows.
    public func normalized(actions rows: [Float]) -> [Float] { Self.apply(rows, actionMean, actionStd, inverse: false) }
    public func normalized(states rows: [Float]) -> [Float] { Self.apply(rows, stateMean, stateStd, inverse: false) }
    /// `x · std + mean`: actions back in metres, radians and gripper command.
    public func denormalized(actions rows: [Float]) -> [Float] { Self.apply(rows, actionMean, actionStd, inverse: true) }

    private static func apply(_ rows: [Float], _ mean: [Float], _ std: [Float], inverse: Bool) -> [Float] {
        rows.indices.map { i in
            let d = i % mean.count
            return inverse ? rows[i] * std[d] + mean[d] : (rows[i] - mean[d]) / std[d]
        }
    }

    private struct Moments {
        var sum: [Double], squares: [Double], count = 0
        init(_ width: Int) { (sum, squares) = ([Double](repeating: 0, count: width), [Double](repeating: 0, count: width)) }
        mutating func add(_ row: ArraySlice<Float>) {
            for (d, x) in row.enumerated() { sum[d] += Double(x); squares[d] += Double(x) * Double(x) }
            count += 1
        }
        func result(floor: Float) -> ([Float], [Float]) {
            let n = Double(max(count, 1))
            let mean = sum.map { $0 / n }
            let std = zip(squares, mean).map { max(0, $0 / n - $1 * $1).squareRoot() }
            return (mean.map(Float.init), std.map { max(Float($0), floor) })
        }
    }
}
