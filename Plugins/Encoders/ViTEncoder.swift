import Foundation
import Harness
import NN

/// A ViT behind the `Encoder` protocol: a V-JEPA or masked-autoencoder checkpoint, or an untrained ViT.
public struct ViTEncoder: Encoder, Sendable {
    public let vit: VisionTransformer

    public init(vit: VisionTransformer) { self.vit = vit }

    /// The encoder stored at `url` by `jepalab pretrain`; `objective` (if given) must be the one it was trained with.
    public init(checkpoint url: URL, objective: PretrainConfig.Objective? = nil) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw EncoderError.checkpoint(path: url.path, reason: "no such checkpoint; train one with `jepalab pretrain --out \(url.path)`")
        }
        let description = try Checkpoint.config(EncoderCheckpoint.self, from: url)
        if let objective, description.objective != objective {
            throw EncoderError.checkpoint(path: url.path, reason: "was trained with the \(description.objective.rawValue) objective, not \(objective.rawValue)")
        }
        var vit = VisionTransformer(config: description.vit, seed: 0)
        try Checkpoint.load(into: &vit, from: url)
        self.vit = vit
    }

    public var imageSize: Int { vit.config.imageSize }
    public var tokensPerFrame: Int { vit.config.tokensPerTubelet }
    public var latentWidth: Int { vit.config.width }

    public func encodeFrames(_ frames: Tensor) -> Tensor {
        Tensor.mapBatches(frames.detached, samplesPerChunk: 8) { chunk in
            vit(VideoOps.repeatedFrames(chunk, times: vit.config.tubelet))
        }
    }

    public func encodeClips(_ clips: Tensor) -> Tensor {
        Tensor.mapBatches(clips.detached, samplesPerChunk: 4) { vit($0) }
    }
}

/// Raw pixel patches as tokens (`encoder/pixels`): each tubelet's `tubelet · patch² · 3` pixel values, no learning.
public struct PixelEncoder: Encoder, Sendable {
    public let imageSize: Int
    public let patch: Int
    public let tubelet: Int

    public init(imageSize: Int = 64, patch: Int = 8, tubelet: Int = 2) throws {
        guard patch > 0, tubelet > 0, imageSize % patch == 0 else {
            throw EncoderError.invalidConfig("image_size \(imageSize) must be a multiple of patch \(patch); tubelet \(tubelet) ≥ 1")
        }
        (self.imageSize, self.patch, self.tubelet) = (imageSize, patch, tubelet)
    }

    public var tokensPerFrame: Int { (imageSize / patch) * (imageSize / patch) }
    public var latentWidth: Int { tubelet * patch * patch * 3 }

    public func encodeFrames(_ frames: Tensor) -> Tensor {
        VideoOps.tubelets(VideoOps.repeatedFrames(frames.detached, times: tubelet), tubelet: tubelet, patch: patch)
    }

    public func encodeClips(_ clips: Tensor) -> Tensor {
        VideoOps.tubelets(clips.detached, tubelet: tubelet, patch: patch)
    }
}
