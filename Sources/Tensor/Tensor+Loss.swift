import Foundation

/// Regression and classification losses, each the mean over all scalars (or rows).
extension Tensor {
    /// Mean absolute error `mean |prediction − target|`.
    public static func l1Loss(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        precondition(prediction.shape == target.shape, "Tensor.l1Loss: shapes \(prediction.shape) and \(target.shape) differ")
        return (prediction - target).abs().mean()
    }

    /// Mean squared error `mean (prediction − target)²`.
    public static func mseLoss(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        precondition(prediction.shape == target.shape, "Tensor.mseLoss: shapes \(prediction.shape) and \(target.shape) differ")
        return (prediction - target).squared().mean()
    }

    /// Mean cross-entropy of `logits` `[N, C]` against class indices `labels` (`N` values in `0..<C`).
    public static func crossEntropy(_ logits: Tensor, labels: [Int]) -> Tensor {
        precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                     "Tensor.crossEntropy: logits \(logits.shape) do not match \(labels.count) labels")
        let classes = logits.shape[1]
        for l in labels { precondition(l >= 0 && l < classes, "Tensor.crossEntropy: label \(l) is outside 0..<\(classes)") }
        let probabilities = logits.detached.softmax()
        let n = Float(labels.count)
        let loss = labels.enumerated().reduce(Float(0)) { $0 - Foundation.log(max(probabilities[$1.offset, $1.element], 1e-30)) } / n
        return record(Tensor(loss), [logits]) { g in
            var grad = probabilities
            grad.withUnsafeMutableBufferPointer { p in
                for (i, l) in labels.enumerated() { p[i * classes + l] -= 1 }
                for i in p.indices { p[i] *= g.scalar / n }
            }
            return [grad]
        }
    }
}
