import Foundation

/// Where a training command writes beside its output `NAME.safetensors`: resumable states in `NAME.training/`
/// and the loss curve in `NAME.loss.csv` and `NAME.loss.svg`, for every trained component alike.
public struct TrainingFiles: Sendable {
    /// The trained component's file.
    public let out: URL

    public init(out: URL) {
        self.out = out
    }

    /// The folder of resumable states.
    public var checkpoints: CheckpointFolder { CheckpointFolder(directory: out.deletingPathExtension().appendingPathExtension("training")) }

    /// The curve's base path, as `TrainingLoop` takes it (`.csv` and `.svg` are added).
    public var curve: URL { out.deletingPathExtension().appendingPathExtension("loss") }
}
