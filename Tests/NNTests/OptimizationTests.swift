import Foundation
import NN
import Testing

/// A module with one named vector, for optimizer arithmetic by hand.
struct Pair: Module {
    var weight = Tensor(shape: [1, 2], scalars: [1, -2])
    var bias = Tensor(shape: [2], scalars: [0.5, 0.5])

    mutating func visitParameters(prefix: String, _ body: (String, inout Tensor) throws -> Void) rethrows {
        try body(parameterName(prefix, "weight"), &weight)
        try body(parameterName(prefix, "bias"), &bias)
    }
}

@Suite struct OptimizationTests {
    @Test func adamWStepsMatchHandComputation() {
        var model = Pair()
        var optimizer = AdamW(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5)
        let gradients: NamedTensors = ["weight": Tensor(shape: [1, 2], scalars: [0.2, -0.4]),
                                       "bias": Tensor(shape: [2], scalars: [1, 0])]
        optimizer.update(&model, gradients: gradients)
        // Step 1: m̂ = g, v̂ = g², so the Adam step is lr · sign(g); decay shrinks weights (not biases) by 1 − 0.05.
        #expect(Swift.abs(model.weight[0, 0] - (1 * 0.95 - 0.1)) < 1e-6)
        #expect(Swift.abs(model.weight[0, 1] - (-2 * 0.95 + 0.1)) < 1e-6)
        #expect(Swift.abs(model.bias[0] - 0.4) < 1e-6 && model.bias[1] == 0.5)
        optimizer.update(&model, gradients: gradients)
        // Step 2 with the same gradient: m = 0.19 g, m̂ = g; v = 0.001999 g², v̂ = g²: again lr · sign(g).
        #expect(Swift.abs(model.weight[0, 0] - ((0.95 - 0.1) * 0.95 - 0.1)) < 1e-5)
        #expect(Swift.abs(model.bias[0] - 0.3) < 1e-5 && optimizer.step == 2)
    }

    @Test func optimizerStateResumesExactly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-adamw-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let g1: NamedTensors = ["weight": Tensor(shape: [1, 2], scalars: [0.3, 0.1]), "bias": Tensor(shape: [2], scalars: [-1, 2])]
        let g2: NamedTensors = ["weight": Tensor(shape: [1, 2], scalars: [-0.2, 0.5]), "bias": Tensor(shape: [2], scalars: [0.4, 0])]
        var straight = Pair(), optimizer = AdamW(learningRate: 0.05)
        optimizer.update(&straight, gradients: g1)
        try optimizer.saveState(to: directory.appendingPathComponent("optimizer.safetensors"))
        var resumed = straight
        optimizer.update(&straight, gradients: g2)
        var fresh = AdamW(learningRate: 0.05)
        try fresh.loadState(from: directory.appendingPathComponent("optimizer.safetensors"))
        #expect(fresh.step == 1)
        fresh.update(&resumed, gradients: g2)
        #expect(resumed.weight.scalars == straight.weight.scalars && resumed.bias.scalars == straight.bias.scalars)
    }

    @Test func clippingByGlobalNorm() {
        var gradients: NamedTensors = ["a": Tensor(shape: [2], scalars: [3, 0]), "b": Tensor(shape: [1], scalars: [4])]
        let norm = GradientClipping.clipByGlobalNorm(&gradients, maxNorm: 1)
        #expect(Swift.abs(norm - 5) < 1e-6)
        #expect(Swift.abs(GradientClipping.globalNorm(gradients) - 1) < 1e-6)
        #expect(Swift.abs(gradients["b"]![0] - 0.8) < 1e-6)
        #expect(GradientClipping.clipByGlobalNorm(&gradients, maxNorm: 2) < 2 && Swift.abs(gradients["a"]![0] - 0.6) < 1e-6)
    }

    @Test func warmupConstantDecayValues() {
        let s = WarmupConstantDecay(start: 0.1, peak: 1, final: 0.2, warmupSteps: 10, constantSteps: 20, decaySteps: 40)
        #expect(s(0) == 0.1 && Swift.abs(s(5) - 0.55) < 1e-6 && s(10) == 1 && s(29) == 1)
        #expect(s(30) == 1 && Swift.abs(s(50) - 0.6) < 1e-6 && s(70) == 0.2 && s(1000) == 0.2)
    }

    @Test func cosineValues() {
        let s = CosineSchedule(peak: 1, final: 0.1, warmupSteps: 10, totalSteps: 110)
        #expect(s(0) == 0 && Swift.abs(s(5) - 0.5) < 1e-6 && s(10) == 1)
        #expect(Swift.abs(s(60) - 0.55) < 1e-6 && Swift.abs(s(110) - 0.1) < 1e-6 && Swift.abs(s(500) - 0.1) < 1e-6)
    }

    @Test func emaMovesTeacherTowardStudent() {
        let ema = EMA(start: 0.9, end: 1, steps: 10)
        #expect(ema.momentum(at: 0) == 0.9 && Swift.abs(ema.momentum(at: 5) - 0.95) < 1e-6 && ema.momentum(at: 20) == 1)
        var teacher = Pair(), student = Pair()
        student.weight = Tensor(shape: [1, 2], scalars: [3, 2])
        ema.update(teacher: &teacher, student: student, step: 0)
        #expect(Swift.abs(teacher.weight[0, 0] - 1.2) < 1e-6 && Swift.abs(teacher.weight[0, 1] - -1.6) < 1e-6)
        #expect(teacher.bias.scalars == [0.5, 0.5])
        let frozen = teacher
        ema.update(teacher: &teacher, student: student, step: 10)
        #expect(teacher.weight.scalars == frozen.weight.scalars)
    }
}
