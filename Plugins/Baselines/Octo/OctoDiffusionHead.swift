import Foundation
import NN
import Tensor

/// Octo's diffusion action head: a denoiser (three linear layers with GELUs, `fc1`–`fc3`) that sees a readout
/// embedding, a noisy normalised action chunk and sinusoidal features of the noise level, and predicts the noise.
/// Trained with DDPM's noise-prediction loss under a cosine noise schedule; acting draws a chunk by `steps` reverse
/// steps from Gaussian noise, each step's implied clean chunk clipped to ±5 deviations as Octo clips. The noise
/// level's features are sines and cosines of the level at 16 frequencies, as positions in a transformer.
public struct OctoDiffusionHead: Module, Sendable {
    public var fc1: Linear
    public var fc2: Linear
    public var fc3: Linear
    /// Noise levels (Octo uses 20).
    public let steps: Int
    /// Scalars per action chunk.
    public let actions: Int
    /// `ᾱ_t`, the fraction of the signal's variance left at noise level `t`, for `t` in `0..<steps`.
    let signal: [Float]

    static let frequencies = 16
    static let bound: Float = 5

    public init(width: Int, actions: Int, steps: Int, using generator: inout SeededGenerator) {
        let inputs = width + actions + 2 * Self.frequencies
        fc1 = Linear(inputs, 2 * width, std: 0.02, using: &generator)
        fc2 = Linear(2 * width, 2 * width, std: 0.02, using: &generator)
        fc3 = Linear(2 * width, actions, std: 0.02, using: &generator)
        (self.steps, self.actions) = (steps, actions)
        // Nichol & Dhariwal's cosine schedule, each step's noise capped at 0.999.
        let offset = 0.008
        func f(_ t: Double) -> Double { pow(cos((t / Double(steps) + offset) / (1 + offset) * .pi / 2), 2) }
        var level = 1.0, signal = [Float]()
        for t in 1...steps {
            level *= 1 - min(0.999, 1 - f(Double(t)) / f(Double(t - 1)))
            signal.append(Float(level))
        }
        self.signal = signal
    }

    /// The predicted noise `[N, actions]` in `noisy` chunks at the noise levels `t`, given readout embeddings
    /// `[N, width]`.
    func noise(_ readouts: Tensor, _ noisy: Tensor, levels t: [Int]) -> Tensor {
        var features = [Float]()
        features.reserveCapacity(t.count * 2 * Self.frequencies)
        for level in t {
            for k in 0..<Self.frequencies {
                let angle = Float(level) * pow(1000, -Float(k) / Float(Self.frequencies))
                features += [sin(angle), cos(angle)]
            }
        }
        let x = Tensor.concatenate([readouts, noisy, Tensor(shape: [t.count, 2 * Self.frequencies], scalars: features)], alongAxis: 1)
        return fc3(fc2(fc1(x).gelu()).gelu())
    }

    /// DDPM's loss: the mean squared error of the predicted noise, at a random level per chunk, for clean normalised
    /// chunks `targets` `[N, actions]` under readout embeddings `[N, width]`.
    public func loss(readouts: Tensor, targets: Tensor, using generator: inout SeededGenerator) -> Tensor {
        let n = targets.shape[0]
        let levels = (0..<n).map { _ in Int(generator.next() % UInt64(steps)) }
        let noise = Tensor.randomNormal([n, actions], using: &generator)
        var noisy = [Float](repeating: 0, count: n * actions)
        for i in 0..<n {
            let (a, b) = (signal[levels[i]].squareRoot(), (1 - signal[levels[i]]).squareRoot())
            for j in 0..<actions { noisy[i * actions + j] = a * targets.scalars[i * actions + j] + b * noise.scalars[i * actions + j] }
        }
        return Tensor.mseLoss(self.noise(readouts, Tensor(shape: [n, actions], scalars: noisy), levels: levels), noise)
    }

    /// Normalised chunks `[N, actions]` drawn by the reverse process from readout embeddings `[N, width]`.
    public func sample(readouts: Tensor, using generator: inout SeededGenerator) -> Tensor {
        let n = readouts.shape[0]
        var x = Tensor.randomNormal([n, actions], using: &generator).scalars
        for t in (0..<steps).reversed() {
            let predicted = noise(readouts.detached, Tensor(shape: [n, actions], scalars: x), levels: Array(repeating: t, count: n)).scalars
            let previous = t > 0 ? signal[t - 1] : 1
            let alpha = signal[t] / previous, beta = 1 - alpha
            // The clean chunk the noise implies, clipped, then the posterior mean between it and x (DDPM's clipped
            // sampling: an imperfect denoiser cannot blow the chunk up at the noisiest levels).
            let (toClean, toNoisy) = (previous.squareRoot() * beta / (1 - signal[t]), alpha.squareRoot() * (1 - previous) / (1 - signal[t]))
            let deviation = (beta * (1 - previous) / (1 - signal[t])).squareRoot()
            let z = t > 0 ? Tensor.randomNormal([n, actions], using: &generator).scalars : []
            for i in x.indices {
                let clean = min(Self.bound, max(-Self.bound, (x[i] - (1 - signal[t]).squareRoot() * predicted[i]) / signal[t].squareRoot()))
                let mean = toClean * clean + toNoisy * x[i]
                x[i] = t > 0 ? mean + deviation * z[i] : mean
            }
        }
        return Tensor(shape: [n, actions], scalars: x)
    }

    public mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try fc1.visitParameters(prefix: parameterName(prefix, "fc1"), body)
        try fc2.visitParameters(prefix: parameterName(prefix, "fc2"), body)
        try fc3.visitParameters(prefix: parameterName(prefix, "fc3"), body)
    }
}
