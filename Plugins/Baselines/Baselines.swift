import Foundation
import Harness

/// Baselines: the Octo-style goal-image policy and the pixel-space world model.
public enum Baselines {
    /// Adds this module's components to `registry`; components join this list as they land.
    public static func register(into registry: inout Registry) throws {
        try registry.register(ComponentSpec(
            id: "policy/octo", summary: "Octo-style goal-image policy: transformer over 2-frame history, readouts, action-chunk head (regression or diffusion)",
            parameters: [.init("checkpoint", .string(""), "a checkpoint written by jepalab posttrain --policy policy/octo (required to act)"),
                         .init("execution", .string("receding"), "receding (first action of each chunk) or average (chunk averaging)"),
                         .init("stem", .string("patch"), "frame tokenizer: patch (linear patch embedding) or conv (Octo's small conv stem)"),
                         .init("patch", .int(16), "patch size in pixels (the goal image is stacked on each frame's channels)"),
                         .init("history", .int(2), "observation frames in the window"),
                         .init("width", .int(128), "transformer width"),
                         .init("depth", .int(4), "transformer blocks"),
                         .init("heads", .int(4), "attention heads"),
                         .init("readouts", .int(1), "readout tokens per frame"),
                         .init("chunk", .int(4), "future actions predicted per step"),
                         .init("proprio", .bool(false), "a token of the end effector's state per frame (off, as Octo)"),
                         .init("goal_difference", .bool(true), "also stack goal − frame on the channels (9 instead of 6)"),
                         .init("head", .string("regression"), "action head: regression (MLP, trained with loss) or diffusion (Octo's denoiser)"),
                         .init("diffusion_steps", .int(20), "noise levels of the diffusion head"),
                         .init("loss", .string("mse"), "training: regression head's chunk loss, mse (conditional mean) or l1 (conditional median)"),
                         .init("max_shift", .int(4), "training: largest random image shift in pixels (0: no augmentation)"),
                         .init("colour_jitter", .double(3), "training: width of the colour augmentation (1: brightness ±0.1, contrast ±0.2, gains ±0.1)"),
                         .init("goal_horizon", .int(4), "training: goals 1 to this many steps ahead (0: any later frame, Octo's uniform relabelling)"),
                         .init("seed", .int(0), "initialisation seed of a new policy")])
        ) { p -> any Policy in
            let path = p.string("checkpoint")
            guard !path.isEmpty else {
                throw OctoError.invalid("policy/octo needs checkpoint=PATH to act; train one with jepalab posttrain --policy policy/octo")
            }
            guard let execution = OctoPolicy.Execution(rawValue: p.string("execution")) else {
                throw OctoError.invalid("policy/octo: execution '\(p.string("execution"))' is not one of "
                                        + OctoPolicy.Execution.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let (model, normalization, _) = try OctoFile.load(from: URL(fileURLWithPath: path))
            return OctoPolicy(model: model, normalization: normalization, execution: execution)
        }
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
            return try PredictorFile<PixelWorldModel>.load(from: URL(fileURLWithPath: path)).model
        }
    }

    /// The scenario `baseline` stage with a trainer for every baseline of this module.
    public static let stage = BaselineStage(trainers: ["policy/octo": OctoTrainer(), "predictor/pixels": PixelModelTrainer()])
}
