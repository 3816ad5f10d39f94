import Data
import Foundation

/// The `data` stage: `jepalab generate`'s library path. Records the scenario's dataset into the artifact folder
/// (episode files and `manifest.json`); on resume the generator keeps every intact episode and writes the rest.
public struct DatasetStage: Stage {
    public init() {}

    public func run(_ context: StageContext) throws {
        guard case .data(let section) = context.stage.target else {
            throw ScenarioError("the data stage was given \(context.stage.name), which is not a dataset")
        }
        let simulator = try EpisodeSimulator(config: section.config)
        let generator = DatasetGenerator(plan: DatasetPlan(config: section.config), directory: context.directory)
        let report = try generator.run(progress: ProgressMeter(label: "episodes", mode: context.log.echoes ? .automatic : .quiet)) {
            index, seed in try simulator.episode(index: index, seed: seed)
        }
        context.log(String(format: "data: %d episodes generated, %d kept, %d replaced in %.1f s", report.generated, report.kept,
                           report.replaced.count, report.seconds))
    }
}
