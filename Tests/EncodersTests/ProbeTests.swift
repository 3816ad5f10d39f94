import Encoders
import Foundation
import Harness
import NN
import Testing

@Suite struct ProbeTests {
    @Test func windowsAndLabels() {
        let labels = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3]
        let motion = ProbeTask.motion.windows(labels: labels, frames: 4, stride: 2)
        #expect(motion.map(\.start) == [0, 2, 4, 6] && motion.map(\.label) == [1, 1, 2, 3])
        let ahead = ProbeTask.anticipation.windows(labels: labels, frames: 4, stride: 1)
        #expect(ahead.map(\.start) == [0, 1, 2] && ahead.map(\.label) == [2, 3, 3])
    }

    @Test func probeLearnsSyntheticMotionAboveChance() throws {
        let train = try MovingSquares.dataset(episodes: 48, steps: 16, size: 16, seed: 1)
        let held = try MovingSquares.dataset(episodes: 16, steps: 16, size: 16, seed: 2)
        defer { for d in [train, held] { try? FileManager.default.removeItem(at: d.directory) } }
        let encoder = try PixelEncoder(imageSize: 16, patch: 4, tubelet: 2)
        let a = try ProbeExamples(encoder: encoder, dataset: train, task: .motion, frames: 4, stride: 4)
        let b = try ProbeExamples(encoder: encoder, dataset: held, task: .motion, frames: 4, stride: 4, classes: a.classes)
        #expect(a.classes == MovingSquares.directions && a.tokens == 32 && a.width == 96)
        var training = ProbeTraining()
        training.steps = 400
        let (_, result) = try training.run(train: a, eval: b)
        #expect(result.accuracy > max(0.5, result.majorityRate + 0.15), "held-out accuracy \(result.accuracy), majority \(result.majorityRate)")
    }

    @Test func registryBuildsEveryEncoder() throws {
        var registry = Registry()
        try Encoders.register(into: &registry)
        #expect(registry.specs(of: .encoder).map(\.id) == ["encoder/mae", "encoder/pixels", "encoder/random-vit", "encoder/vjepa"])
        let frames = Tensor.zeros([3, 64, 64, 3])
        let pixels = try registry.make("encoder/pixels", as: (any Encoder).self)
        #expect(pixels.encodeFrames(frames).shape == [3, 64, 384] && pixels.tokensPerFrame == 64)
        let random = try registry.make("encoder/random-vit", as: (any Encoder).self, overrides: ["seed": .int(2)])
        #expect(random.encodeFrames(frames).shape == [3, 64, ViTConfig().width])
        #expect(random.encodeClips(.zeros([2, 4, 64, 64, 3])).shape == [2, 128, ViTConfig().width])
        #expect(throws: EncoderError.self) {
            _ = try registry.make("encoder/vjepa", as: (any Encoder).self, overrides: ["checkpoint": .string("/nonexistent/v.safetensors")])
        }
    }

    @Test func exportedEncoderLoadsThroughTheRegistry() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-enc-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        var task = try MaskDenoising(config: .toy(steps: 2), source: SquareClips())
        _ = try task.step(0)
        try task.exportEncoder(to: url)
        var registry = Registry()
        try Encoders.register(into: &registry)
        let loaded = try registry.make("encoder/vjepa", as: (any Encoder).self, overrides: ["checkpoint": .string(url.path)])
        let clips = try SquareClips().clips(at: 5)
        #expect(loaded.encodeClips(clips).scalars == task.encoder(clips).scalars)
        #expect(throws: EncoderError.self) {
            _ = try registry.make("encoder/mae", as: (any Encoder).self, overrides: ["checkpoint": .string(url.path)])
        }
    }
}
