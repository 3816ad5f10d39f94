import Foundation
import Harness
import NN

/// Trains an attentive probe on cached features with cross-entropy (AdamW, cosine schedule) and measures top-1
/// accuracy.
public struct ProbeTraining: Sendable {
    public var steps = 600
    public var batchSize = 32
    public var learningRate = 1e-3
    public var weightDecay = 0.01
    public var heads = 4
    public var seed: UInt64 = 0

    public init() {}

    /// What a probe run measured.
    public struct Result: Codable, Sendable {
        public var trainExamples: Int
        public var evalExamples: Int
        public var trainAccuracy: Double
        public var accuracy: Double
        /// Accuracy of always guessing the evaluation set's most frequent class.
        public var majorityRate: Double
        public var finalLoss: Double
    }

    /// Trains on `train`, evaluates on `eval` (whose classes must be the same list).
    public func run(train: ProbeExamples, eval: ProbeExamples, progress: TrainingProgress? = nil) throws -> (probe: AttentiveProbe, result: Result) {
        guard train.classes == eval.classes, train.width == eval.width, train.tokens == eval.tokens else {
            throw EncoderError.badInput("training and evaluation examples differ: classes \(train.classes) vs \(eval.classes), "
                + "tokens \(train.tokens)×\(train.width) vs \(eval.tokens)×\(eval.width)")
        }
        var probe = AttentiveProbe(width: train.width, classes: train.classes.count, heads: heads, seed: seed)
        var optimizer = AdamW(learningRate: Float(learningRate), weightDecay: Float(weightDecay))
        let schedule = CosineSchedule(start: Float(learningRate) * 0.1, peak: Float(learningRate), final: 0,
                                      warmupSteps: max(1, steps / 10), totalSteps: max(steps, 2))
        var generator = SeededGenerator(seed: seed &+ 0xB0B)
        var loss: Float = 0
        progress?.start(at: 0)
        for step in 0..<steps {
            let indices = (0..<min(batchSize, train.count)).map { _ in Int(generator.next() % UInt64(train.count)) }
            let x = train.batch(indices), labels = indices.map { train.labels[$0] }
            let (value, gradients) = probe.valueWithGradient { Tensor.crossEntropy($0(x), labels: labels) }
            guard value.isFinite else { throw TrainingError.nonFinite(step: step, name: "probe loss", value: Double(value), lastGood: nil) }
            optimizer.update(&probe, gradients: gradients, learningRate: schedule(step))
            loss = value
            progress?.update(step: step, total: steps, metrics: StepMetrics(loss: Double(value)))
        }
        let result = Result(trainExamples: train.count, evalExamples: eval.count,
                            trainAccuracy: ProbeTraining.accuracy(probe, train), accuracy: ProbeTraining.accuracy(probe, eval),
                            majorityRate: eval.majorityRate, finalLoss: Double(loss))
        return (probe, result)
    }

    /// Top-1 accuracy of `probe` on `examples`.
    public static func accuracy(_ probe: AttentiveProbe, _ examples: ProbeExamples) -> Double {
        let correct = zip(predictions(probe, examples), examples.labels).filter { $0 == $1 }.count
        return Double(correct) / Double(max(examples.count, 1))
    }

    /// The class `probe` ranks first for each of `examples`, in order.
    public static func predictions(_ probe: AttentiveProbe, _ examples: ProbeExamples) -> [Int] {
        var predicted = [Int]()
        for start in stride(from: 0, to: examples.count, by: 64) {
            let indices = Array(start..<min(examples.count, start + 64))
            let logits = probe(examples.batch(indices))
            let classes = logits.shape[1]
            for row in indices.indices {
                let scores = logits.scalars[(row * classes)..<((row + 1) * classes)]
                predicted.append(scores.firstIndex(of: scores.max()!)! - row * classes)
            }
        }
        return predicted
    }
}
