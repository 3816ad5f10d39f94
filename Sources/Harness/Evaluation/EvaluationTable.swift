import Foundation
import Sim

/// Successes per (task, object, lab, agent) cell over episode records, with 95 % Wilson intervals.
public struct EvaluationTable: Sendable {
    public struct Row: Sendable {
        public let task: String, object: String, lab: String, agent: String
        public let interval: WilsonInterval
        public let secondsPerAction: Double
        public let meanFinalDistance: Double
        /// The mean over every planned step of the observed minus the predicted energy of the chosen action: how much
        /// better the predictor judged the executed actions than they turned out (nil for policies).
        public let energyGap: Double?
        /// The predictor's one-step error over the copy baseline's, summed over every executed action: 0 for the
        /// oracle, 1 for a predictor no better than copying the frame (nil for policies and older records).
        public let oneStepError: Double?
        /// The mean over episodes of how close the hand came to where the first sub-goal image has it (the goal for
        /// reach; the open gripper above the object for grasp and pick-and-place), over the states observed before
        /// each action: whether the planner ever got there. Privileged, rebuilt from each record's task seed (nil
        /// when no record has states).
        public let closestApproach: Double?
    }

    public let rows: [Row]

    public init(records: [EpisodeRecord]) {
        let groups = Dictionary(grouping: records) { record in
            let agent = [record.encoder, record.predictor, record.planner].filter { $0 != EpisodeRecord.absent }.joined(separator: " + ")
            return [record.task, record.object, record.lab, agent]
        }
        rows = groups.keys.sorted { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }.map { key in
            let group = groups[key]!
            let n = Double(group.count)
            return Row(task: key[0], object: key[1], lab: key[2], agent: key[3],
                       interval: WilsonInterval(successes: group.filter(\.success).count, trials: group.count),
                       secondsPerAction: group.map(\.secondsPerAction).reduce(0, +) / n,
                       meanFinalDistance: group.map(\.finalDistance).reduce(0, +) / n,
                       energyGap: Self.energyGap(group), oneStepError: Self.oneStepError(group),
                       closestApproach: Self.closestApproach(group))
        }
    }

    private static func energyGap(_ records: [EpisodeRecord]) -> Double? {
        let gaps = records.flatMap { record in
            zip(record.energies, record.observedEnergies ?? []).map { Double($1 - $0) }
        }
        return gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count)
    }

    private static func oneStepError(_ records: [EpisodeRecord]) -> Double? {
        let predicted = records.flatMap { $0.predictionErrors ?? [] }.map(Double.init).reduce(0, +)
        let copied = records.flatMap { $0.copyErrors ?? [] }.map(Double.init).reduce(0, +)
        return copied > 0 ? predicted / copied : nil
    }

    private static func closestApproach(_ records: [EpisodeRecord]) -> Double? {
        let approaches = records.compactMap { record -> Double? in
            guard let task = try? ManipulationTask(kind: record.task, object: record.object, seed: record.taskSeed),
                  let first = task.goals.first?.endEffector.position else { return nil }
            return record.states.filter { $0.count >= 3 }
                .map { length(SIMD3(Double($0[0]), Double($0[1]), Double($0[2])) - first) }
                .min()
        }
        return approaches.isEmpty ? nil : approaches.reduce(0, +) / Double(approaches.count)
    }

    /// Every record in `directory/records`.
    public static func records(in directory: URL) throws -> [EpisodeRecord] {
        let folder = directory.appendingPathComponent("records")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .map { try EpisodeRecord.read(from: folder.appendingPathComponent($0)) }
    }

    /// A Markdown table.
    public var markdown: String {
        var lines = ["| task | object | lab | agent | success (95% Wilson CI) | s / action | final distance (m) "
                     + "| closest to sub-goal 1 (m) | energy gap | 1-step error / copy |",
                     "| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for r in rows {
            let gap = r.energyGap.map { String(format: "%+.4f", $0) } ?? "—"
            let error = r.oneStepError.map { String(format: "%.3f", $0) } ?? "—"
            let approach = r.closestApproach.map { String(format: "%.3f", $0) } ?? "—"
            lines.append(String(format: "| %@ | %@ | %@ | %@ | %@ | %.3f | %.3f | %@ | %@ | %@ |", r.task, r.object, r.lab, r.agent,
                                r.interval.summary, r.secondsPerAction, r.meanFinalDistance, approach, gap, error))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
