import NN
import Tensor

/// An Octo-style goal-conditioned transformer policy.
///
/// Each of the `history` frames is stacked with the goal image on its channels (Octo's early goal fusion; with
/// `goalDifference` also with goal − frame, 9 channels) and turned into tokens by a small convolutional stem
/// (`OctoStem`) or by one linear layer per patch; a token of the normalised proprioceptive state (with `proprio`) and
/// `readouts` learned readout tokens follow. Tokens get a learned position (patch index) and a learned time
/// (frame index) embedding. Attention is block-causal over frames, and no token attends to a readout token but the
/// readout itself, so the readouts only read. The action head (an MLP regressor or Octo's diffusion head) maps the
/// mean of a frame's readouts to a chunk of `chunk` normalised future actions; every frame of the window predicts the
/// chunk starting at its own step.
public struct OctoModel: Module, Sendable {
    public let config: OctoConfig
    /// How frames become tokens.
    public enum Tokenizer: Sendable {
        /// Octo's small convolutional stem.
        case conv(OctoStem)
        /// One linear layer per patch.
        case patches(Linear)
    }

    public var tokenizer: Tokenizer
    /// The state token's embedding (only with `proprio`).
    public var stateEmbed: Linear?
    public var position: Tensor
    public var time: Tensor
    public var readout: Tensor
    public var transformer: Transformer
    /// How a readout embedding becomes an action chunk.
    public enum ActionHead: Sendable {
        /// An MLP regressing the normalised chunk (parameters `head.*`).
        case regression(MLP)
        /// Octo's diffusion head (parameters `diffusion.*`).
        case diffusion(OctoDiffusionHead)
    }

    public var head: ActionHead

    /// A freshly initialised policy (weights of deviation 0.02, as in ViT and Octo).
    public init(config: OctoConfig, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        self.config = config
        let d = config.width
        if config.stem == "conv" {
            tokenizer = .conv(OctoStem(imageSize: config.imageSize, patch: config.patch, channels: config.channels, width: d,
                                       using: &generator))
        } else {
            tokenizer = .patches(Linear(config.patch * config.patch * config.channels, d, std: 0.02, using: &generator))
        }
        stateEmbed = config.proprio ? Linear(7, d, std: 0.02, using: &generator) : nil
        position = .randomNormal([config.patchTokens, d], std: 0.02, using: &generator)
        time = .randomNormal([config.history, 1, d], std: 0.02, using: &generator)
        readout = .randomNormal([config.readouts, d], std: 0.02, using: &generator)
        transformer = Transformer(width: d, depth: config.depth, heads: config.heads, mlpRatio: config.mlpRatio, std: 0.02,
                                  using: &generator)
        head = config.head == "diffusion"
            ? .diffusion(OctoDiffusionHead(width: d, actions: config.chunk * 7, steps: config.diffusionSteps, using: &generator))
            : .regression(MLP(d, hidden: 2 * d, outputs: config.chunk * 7, std: 0.02, using: &generator))
    }

    /// Normalised action chunks `[B, history, chunk, 7]` from `pixels` `[B, history, S, S, channels]` (frame,
    /// goal and difference channels, scaled by `OctoInput`) and normalised `states` `[B, history, 7]` (read only with
    /// `proprio`): the regression head's output, or chunks the diffusion head draws with `generator`.
    public func actions(pixels: Tensor, states: Tensor, using generator: inout SeededGenerator) -> Tensor {
        let embeddings = readouts(pixels: pixels, states: states)
        let (b, h, d, n) = (embeddings.shape[0], config.history, config.width, config.chunk)
        switch head {
        case .regression(let mlp): return mlp(embeddings).reshaped([b, h, n, 7])
        case .diffusion(let diffusion):
            return diffusion.sample(readouts: embeddings.reshaped([b * h, d]), using: &generator).reshaped([b, h, n, 7])
        }
    }

    /// The training loss against normalised chunks `targets` `[B, history, chunk, 7]`: the squared error (`l1`: the
    /// absolute error) of the regression head, or the diffusion head's noise-prediction loss at levels drawn with
    /// `generator`.
    public func loss(pixels: Tensor, states: Tensor, targets: Tensor, l1: Bool = false, using generator: inout SeededGenerator) -> Tensor {
        let embeddings = readouts(pixels: pixels, states: states)
        let (b, h, d, n) = (embeddings.shape[0], config.history, config.width, config.chunk)
        switch head {
        case .regression(let mlp):
            let prediction = mlp(embeddings).reshaped([b, h, n, 7])
            return l1 ? Tensor.l1Loss(prediction, targets) : Tensor.mseLoss(prediction, targets)
        case .diffusion(let diffusion):
            return diffusion.loss(readouts: embeddings.reshaped([b * h, d]), targets: targets.reshaped([b * h, n * 7]), using: &generator)
        }
    }

    /// The mean of each frame's readout tokens after the transformer, `[B, history, width]`.
    public func readouts(pixels: Tensor, states: Tensor) -> Tensor {
        let c = config
        let (b, h, s, p, g, d, ch) = (pixels.shape[0], c.history, c.imageSize, c.patch, c.grid, c.width, c.channels)
        precondition(pixels.shape == [b, h, s, s, ch] && states.shape == [b, h, 7],
                     "OctoModel: pixels \(pixels.shape) and states \(states.shape) do not fit [B, \(h), \(s), \(s), \(ch)] and [B, \(h), 7]")
        let frameTokens: Tensor
        switch tokenizer {
        case .conv(let stem):
            frameTokens = stem(pixels.reshaped([b * h, s, s, ch])).reshaped([b, h, g * g, d])
        case .patches(let embed):
            frameTokens = embed(pixels.reshaped([b, h, g, p, g, p, ch]).permuted([0, 1, 2, 4, 3, 5, 6]).reshaped([b, h, g * g, p * p * ch]))
        }
        let patchTokens = frameTokens + position + time
        let readoutTokens = Tensor.zeros([b, h, c.readouts, d]) + readout + time
        let parts = stateEmbed.map { [patchTokens, $0(states).reshaped([b, h, 1, d]) + time, readoutTokens] } ?? [patchTokens, readoutTokens]
        let tokens = Tensor.concatenate(parts, alongAxis: 2).reshaped([b, h * c.tokensPerStep, d])
        let hidden = transformer(tokens, mask: OctoModel.mask(config: c))
        let readouts = hidden.reshaped([b, h, c.tokensPerStep, d]).slice(alongAxis: 2, c.firstReadout..<c.tokensPerStep)
        return readouts.mean(alongAxis: 2)
    }

    /// Block-causal over frames; a readout token is seen only by itself.
    public static func mask(config c: OctoConfig) -> AttentionMask {
        let n = c.tokensPerStep
        return AttentionMask(queries: c.history * n, keys: c.history * n) { q, k in
            k / n <= q / n && (k % n < c.firstReadout || k == q)
        }
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        switch tokenizer {
        case .conv(var stem):
            try stem.visitParameters(prefix: parameterName(prefix, "stem"), body)
            tokenizer = .conv(stem)
        case .patches(var embed):
            try embed.visitParameters(prefix: parameterName(prefix, "patch_embed"), body)
            tokenizer = .patches(embed)
        }
        if var embed = stateEmbed {
            try embed.visitParameters(prefix: parameterName(prefix, "state_embed"), body)
            stateEmbed = embed
        }
        try body(parameterName(prefix, "position"), &position)
        try body(parameterName(prefix, "time"), &time)
        try body(parameterName(prefix, "readout"), &readout)
        try transformer.visitParameters(prefix: parameterName(prefix, "transformer"), body)
        switch head {
        case .regression(var mlp):
            try mlp.visitParameters(prefix: parameterName(prefix, "head"), body)
            head = .regression(mlp)
        case .diffusion(var diffusion):
            try diffusion.visitParameters(prefix: parameterName(prefix, "diffusion"), body)
            head = .diffusion(diffusion)
        }
    }
}
