/// What an attentive probe is asked about a window of frames, and how labelled windows are cut from an episode.
public enum ProbeTask: String, CaseIterable, Codable, Sendable {
    /// The primitive under way in the clip (majority label of its steps; ties go to the later one): the
    /// Something-Something analogue.
    case motion
    /// From the clip ending at step `t`, the primitive at `t + horizon` (one second ahead at 4 Hz): the
    /// Epic-Kitchens analogue.
    case anticipation

    /// Steps ahead that anticipation predicts (1 s at the 4 Hz policy rate).
    public static let horizon = 4

    /// The labelled windows of an episode with primitive labels `labels`: `(first step, label)` for windows of
    /// `frames` steps starting every `stride` steps.
    public func windows(labels: [Int], frames: Int, stride: Int) -> [(start: Int, label: Int)] {
        let lookahead = self == .anticipation ? ProbeTask.horizon : 0
        guard labels.count >= frames + lookahead else { return [] }
        return Swift.stride(from: 0, through: labels.count - frames - lookahead, by: stride).map { start in
            switch self {
            case .motion:
                var counts = [Int: Int]()
                var best = (label: labels[start], count: 0)
                for l in labels[start..<(start + frames)] {
                    counts[l, default: 0] += 1
                    if counts[l]! >= best.count { best = (l, counts[l]!) }
                }
                return (start, best.label)
            case .anticipation:
                return (start, labels[start + frames - 1 + lookahead])
            }
        }
    }
}
