import Foundation

/// Adam with decoupled weight decay (Loshchilov & Hutter), PyTorch's update order:
/// `p ← p·(1 − lr·wd)`, then `p ← p − lr · m̂ / (√v̂ + eps)` with bias-corrected moments.
///
/// Parameters for which `decays` is false (by default rank ≤ 1: biases and norm scales) get no weight decay.
/// The moments and step count are the optimizer's state; `saveState` and `loadState` keep them across runs.
public struct AdamW: Sendable {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public var weightDecay: Float
    /// Whether a parameter (by name and shape) receives weight decay.
    public var decays: @Sendable (String, [Int]) -> Bool
    /// Updates taken so far.
    public private(set) var step = 0
    public private(set) var firstMoments: NamedTensors = [:]
    public private(set) var secondMoments: NamedTensors = [:]

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0.01, decays: @escaping @Sendable (String, [Int]) -> Bool = { _, shape in shape.count > 1 }) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decays = decays
    }

    /// Applies one update to every parameter of `model` that has a gradient, at `learningRate` if given.
    public mutating func update<M: Module>(_ model: inout M, gradients: NamedTensors, learningRate: Float? = nil) {
        step += 1
        let lr = learningRate ?? self.learningRate
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        let c1 = 1 - Foundation.pow(b1, Float(step)), c2 = 1 - Foundation.pow(b2, Float(step))
        var first = firstMoments, second = secondMoments
        model.visitParameters(prefix: "") { name, parameter in
            guard let gradient = gradients[name] else { return }
            precondition(gradient.shape == parameter.shape,
                         "AdamW: gradient of \(name) is \(gradient.shape), parameter is \(parameter.shape)")
            var m = first[name] ?? .zeros(parameter.shape), v = second[name] ?? .zeros(parameter.shape)
            first[name] = nil
            second[name] = nil
            let shrink = decays(name, parameter.shape) ? 1 - lr * weightDecay : 1
            parameter.withUnsafeMutableBufferPointer { p in
                m.withUnsafeMutableBufferPointer { m in
                    v.withUnsafeMutableBufferPointer { v in
                        gradient.withUnsafeBufferPointer { g in
                            for i in 0..<g.count {
                                m[i] = b1 * m[i] + (1 - b1) * g[i]
                                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                                p[i] = p[i] * shrink - lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
                            }
                        }
                    }
                }
            }
            first[name] = m
            second[name] = v
        }
        firstMoments = first
        secondMoments = second
    }

    /// Writes the moments and step count to a safetensors file (`exp_avg.NAME`, `exp_avg_sq.NAME`).
    public func saveState(to url: URL) throws {
        var tensors: NamedTensors = [:]
        for (name, m) in firstMoments { tensors["exp_avg." + name] = m }
        for (name, v) in secondMoments { tensors["exp_avg_sq." + name] = v }
        let hyper = "{\"lr\":\(learningRate),\"beta1\":\(beta1),\"beta2\":\(beta2),\"eps\":\(epsilon),\"weight_decay\":\(weightDecay)}"
        try Safetensors.write(tensors, metadata: ["step": String(step), "optimizer": "adamw", "hyperparameters": hyper], to: url)
    }

    /// Restores the moments and step count written by `saveState`; the hyperparameters stay as configured.
    public mutating func loadState(from url: URL) throws {
        let (tensors, metadata) = try Safetensors.read(from: url)
        guard let text = metadata["step"], let step = Int(text), step >= 0 else {
            throw SafetensorsError.invalid(url.path, "optimizer state has no valid \"step\" in its metadata")
        }
        var first: NamedTensors = [:], second: NamedTensors = [:]
        for (key, tensor) in tensors {
            if key.hasPrefix("exp_avg_sq.") {
                second[String(key.dropFirst("exp_avg_sq.".count))] = tensor
            } else if key.hasPrefix("exp_avg.") {
                first[String(key.dropFirst("exp_avg.".count))] = tensor
            } else {
                throw SafetensorsError.invalid(url.path, "unexpected tensor \(key) in optimizer state")
            }
        }
        self.step = step
        firstMoments = first
        secondMoments = second
    }
}
