import Foundation
import Harness

/// Video encoders (V-JEPA, pixel patches, untrained ViT, masked autoencoder) behind the `Encoder` protocol.
public enum Encoders {
    /// Adds this module's components to `registry`.
    public static func register(into registry: inout Registry) throws {
        let defaults = ViTConfig()
        try registry.register(ComponentSpec(
            id: "encoder/vjepa", summary: "ViT pre-trained by V-JEPA mask-denoising in representation space (EMA target)",
            parameters: [.init("checkpoint", .string("checkpoints/vjepa.safetensors"), "encoder file written by `jepalab pretrain --encoder vjepa`")]
        )) { p in try ViTEncoder(checkpoint: URL(fileURLWithPath: p.string("checkpoint")), objective: .representation) }
        try registry.register(ComponentSpec(
            id: "encoder/mae", summary: "the same ViT, masks and predictor trained to reconstruct normalised pixels (masked autoencoder)",
            parameters: [.init("checkpoint", .string("checkpoints/mae.safetensors"), "encoder file written by `jepalab pretrain --encoder mae`")]
        )) { p in try ViTEncoder(checkpoint: URL(fileURLWithPath: p.string("checkpoint")), objective: .pixels) }
        try registry.register(ComponentSpec(
            id: "encoder/random-vit", summary: "the default ViT with random weights (no training)",
            parameters: [
                .init("seed", .int(0), "initialisation seed"),
                .init("width", .int(defaults.width), "token width"),
                .init("depth", .int(defaults.depth), "transformer blocks"),
                .init("heads", .int(defaults.heads), "attention heads"),
                .init("patch", .int(defaults.patch), "patch side in pixels"),
                .init("image_size", .int(defaults.imageSize), "frame side in pixels"),
            ]
        )) { p in
            var config = ViTConfig()
            (config.width, config.depth, config.heads) = (p.int("width"), p.int("depth"), p.int("heads"))
            (config.patch, config.imageSize) = (p.int("patch"), p.int("image_size"))
            try config.validate()
            return ViTEncoder(vit: VisionTransformer(config: config, seed: UInt64(bitPattern: Int64(p.int("seed")))))
        }
        try registry.register(ComponentSpec(
            id: "encoder/pixels", summary: "raw pixel tubelets as tokens (no learning)",
            parameters: [
                .init("patch", .int(8), "patch side in pixels"),
                .init("tubelet", .int(2), "frames per tubelet"),
                .init("image_size", .int(64), "frame side in pixels"),
            ]
        )) { p in try PixelEncoder(imageSize: p.int("image_size"), patch: p.int("patch"), tubelet: p.int("tubelet")) }
    }
}
