import Foundation
import Harness

/// Baselines: the Octo-style goal-image policy and the pixel-space world model.
public enum Baselines {
    /// Adds this module's components to `registry`; components join this list as they land.
    public static func register(into registry: inout Registry) throws {
        try registry.register(ComponentSpec(
            id: "predictor/pixels", summary: "pixel-space next-frame model on encoder/pixels patches (Cosmos stand-in)",
            parameters: [.init("checkpoint", .string(""), "a checkpoint written by jepalab posttrain --predictor pixels (required to plan)"),
                         .init("width", .int(128), "transformer width"),
                         .init("depth", .int(4), "transformer blocks"),
                         .init("heads", .int(4), "attention heads"),
                         .init("seed", .int(0), "initialisation seed of a new model")])
        ) { p -> any Predictor in
            let path = p.string("checkpoint")
            guard !path.isEmpty else {
                throw PlanningError.invalidParameter(
                    "predictor/pixels needs checkpoint=PATH to plan with; train one with jepalab posttrain --predictor pixels")
            }
            return try PixelWorldModelFile.load(from: URL(fileURLWithPath: path)).model
        }
    }

    /// The scenario `baseline` stage with a trainer for every baseline of this module.
    public static let stage = BaselineStage(trainers: ["predictor/pixels": PixelModelTrainer()])
}
