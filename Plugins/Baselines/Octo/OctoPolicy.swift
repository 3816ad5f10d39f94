import Harness
import Render
import Tensor

/// The trained Octo-style policy acting in an episode: it keeps the last `history` observations (the first one
/// repeated until there are enough, as in training), predicts a chunk of actions every step and executes either the
/// chunk's first action (receding horizon) or the average of every earlier chunk's prediction for this step (chunk
/// averaging, Octo's temporal ensembling with uniform weights). A copy starts no episode of its own: use a fresh
/// copy of the loaded policy per episode.
public struct OctoPolicy: Policy, Sendable {
    public enum Execution: String, CaseIterable, Sendable {
        case receding, average
    }

    public let model: OctoModel
    public let normalization: OctoNormalization
    public var execution: Execution
    public var imageSize: Int { model.config.imageSize }
    private var frames: [RGBImage] = []
    private var states: [[Float]] = []
    /// The chunks predicted so far, newest last (at most `chunk` kept).
    private var chunks: [[[Float]]] = []
    /// The diffusion head's noise, the same sequence in every episode of a fresh copy.
    private var generator = SeededGenerator(seed: 0)

    public init(model: OctoModel, normalization: OctoNormalization, execution: Execution = .receding) {
        (self.model, self.normalization, self.execution) = (model, normalization, execution)
    }

    /// The normalised action chunk `[chunk][7]` for the current window ending at `observation`, given `goal`.
    public mutating func predict(frames window: [RGBImage], states: [[Float]], goal: RGBImage) -> [[Float]] {
        let c = model.config
        var pixels = [Float]()
        pixels.reserveCapacity(c.history * c.imageSize * c.imageSize * c.channels)
        OctoInput.append(frames: window.map { $0.pixels[...] }, goal: goal.pixels[...], size: c.imageSize,
                         difference: c.goalDifference, augmentation: .none, to: &pixels)
        let output = model.actions(pixels: Tensor(shape: [1, c.history, c.imageSize, c.imageSize, c.channels], scalars: pixels),
                                   states: Tensor(shape: [1, c.history, 7], scalars: states.flatMap { normalization.normalized(states: $0) }),
                                   using: &generator)
        let last = Array(output.scalars.suffix(c.chunk * 7))
        return (0..<c.chunk).map { Array(last[($0 * 7)..<($0 * 7 + 7)]) }
    }

    public mutating func act(_ observation: Observation, goal: RGBImage) throws -> [Float] {
        let c = model.config
        for image in [observation.frame, goal] where image.width != c.imageSize || image.height != c.imageSize {
            throw OctoError.invalid("policy/octo sees \(c.imageSize)×\(c.imageSize) frames; got \(image.width)×\(image.height)")
        }
        frames.append(observation.frame)
        states.append(observation.state)
        if frames.count > c.history { (frames, states) = (Array(frames.suffix(c.history)), Array(states.suffix(c.history))) }
        let pad = c.history - frames.count
        let window = [RGBImage](repeating: frames[0], count: pad) + frames
        let windowStates = [[Float]](repeating: states[0], count: pad) + states
        chunks.append(predict(frames: window, states: windowStates, goal: goal))
        if chunks.count > c.chunk { chunks.removeFirst() }
        let normalized: [Float]
        switch execution {
        case .receding:
            normalized = chunks[chunks.count - 1][0]
        case .average:
            // The chunk predicted `age` steps ago holds this step's action at index `age`.
            let votes = chunks.reversed().enumerated().map { age, chunk in chunk[age] }
            normalized = (0..<7).map { d in votes.map { $0[d] }.reduce(0, +) / Float(votes.count) }
        }
        return normalization.denormalized(actions: normalized)
    }
}
