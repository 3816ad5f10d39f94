import ArgumentParser
import Data
import Foundation

/// `jepalab generate`: record Droid-like episodes into a dataset folder, or merge the shards of one.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record simulated episodes (play or expert) into a dataset folder, or merge its shards.",
        discussion: """
            Writes episode_NNNNNN.npz files and a manifest (DESIGN.md section 4). A rerun with the same options keeps \
            the intact files and writes the rest, so a killed run resumes where it stopped. With --shard i/n this \
            process writes the episodes whose index % n == i and a shard manifest; once every shard has finished, \
            `jepalab generate --merge DIR` verifies all files and writes manifest.json. Expert episodes cycle the \
            task kinds (reach, grasp, reach-with-object, pick-and-place) fastest, then the objects (cup, box).
            """)

    @Option(help: "Episodes in the whole dataset (over all shards).") var episodes: Int?
    @Option(help: "Lab: \(Lab.builtIn.map(\.name).joined(separator: ", ")).") var lab = "train"
    @Option(help: "Appearance: fixed (the lab as defined) or varied (colours, light, camera and distractors drawn per episode).")
    var appearance = "fixed"
    @Option(help: "Scripted policy: \(EpisodeSimulator.Policy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy = "play"
    @Option(help: "Frames (policy steps at 4 Hz) per episode.") var frames = 32
    @Option(help: "Frame width and height in pixels.") var size = 64
    @Option(help: "Dataset seed; episode i's seed is derived from it and i.") var seed: UInt64 = 0
    @Option(help: "Dataset folder to write.") var out: String?
    @Option(help: "Write only shard i of n (0-based), e.g. 0/2 and 1/2 in two processes.") var shard: String?
    @Option(help: "Verify the shards in this folder and write its manifest.json (no generation).") var merge: String?
    @Flag(help: "No progress, only the final summary.") var quiet = false

    func validate() throws {
        if merge != nil {
            guard episodes == nil, out == nil, shard == nil else {
                throw ValidationError("--merge DIR takes no other option than --quiet")
            }
            return
        }
        guard let episodes, out != nil else {
            throw ValidationError("give --episodes N and --out DIR to generate, or --merge DIR to merge shards")
        }
        _ = try ValidationError.wrapping { try plan(episodes: episodes) }
        _ = try ValidationError.wrapping { try EpisodeSimulator(config: try plan(episodes: episodes).config) }
    }

    private func plan(episodes: Int) throws -> DatasetPlan {
        let choices = DatasetConfig.Appearance.allCases.map(\.rawValue)
        guard let appearance = DatasetConfig.Appearance(rawValue: appearance) else {
            throw DataError.invalid("unknown appearance '\(self.appearance)'; appearances: \(choices.joined(separator: ", "))")
        }
        let config = try DatasetConfig(episodes: episodes, seed: seed, lab: lab, policy: policy, frames: frames, size: size,
                                       appearance: appearance)
        return DatasetPlan(config: config, shard: try shard.map { try Shard(parsing: $0) } ?? .whole)
    }

    func run() throws {
        if let merge {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: merge, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("\(merge) is not a folder; --merge takes the dataset folder the shards wrote")
            }
            let manifest = try Manifest.merge(directory: URL(fileURLWithPath: merge))
            print("merged \(merge): \(manifest.episodes) episodes, \(manifest.frames) frames, every SHA-256 verified")
            print(manifest.statistics.summary)
            return
        }
        guard let episodes, let out else { return }
        let plan = try plan(episodes: episodes)
        let simulator = try EpisodeSimulator(config: plan.config)
        let generator = DatasetGenerator(plan: plan, directory: URL(fileURLWithPath: out))
        let progress = ProgressMeter(label: "episodes", mode: quiet ? .quiet : .automatic)
        let report = try generator.run(progress: progress) { index, seed in try simulator.episode(index: index, seed: seed) }
        let part = plan.shard == .whole ? "" : " (shard \(plan.shard))"
        print(String(format: "%@%@: %d episodes generated, %d kept, %d replaced in %.1f s (%.1f episodes/min)",
                     out, part, report.generated, report.kept, report.replaced.count, report.seconds,
                     Double(report.generated) / max(report.seconds, 1e-9) * 60))
        print(report.manifest.statistics.summary)
        if plan.shard != .whole {
            print("when every shard has finished: jepalab generate --merge \(out)")
        }
    }
}

extension ValidationError {
    /// Runs `body`, turning a data or simulation error into a validation error (a usage message, exit code 64).
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DataError { throw ValidationError(error.description) }
        catch let error as SimError { throw ValidationError(error.description) }
    }
}
