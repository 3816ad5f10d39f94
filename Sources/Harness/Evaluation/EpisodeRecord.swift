import Foundation

/// What one evaluation episode did: written as `records/<task>-<object>-<trial>.json` beside its frames.
public struct EpisodeRecord: Codable, Equatable, Sendable {
    /// The name recorded for a component the agent does not have (a policy's encoder and predictor).
    public static let absent = "none"

    public var task: String
    public var object: String
    public var lab: String
    public var trial: Int
    /// The seed the task was drawn from (after any redraw of an already-solved start).
    public var taskSeed: UInt64
    public var encoder: String
    public var predictor: String
    public var planner: String
    public var success: Bool
    public var steps: Int
    /// Mean wall-clock seconds the planner took per action.
    public var secondsPerAction: Double
    /// Distance of the end effector (reach) or of the object (other tasks) to the goal position at the end, metres.
    public var finalDistance: Double
    /// Distance of the end effector to the goal position at the end, metres.
    public var finalHandDistance: Double
    /// The planner's predicted energy for its chosen action at every step.
    public var energies: [Float]
    /// The energy of the frame each chosen action led to, toward the same sub-goal (nil for policies and for
    /// records written before it existed).
    public var observedEnergies: [Float]?
    /// Per executed action, the predictor's one-step error on the observed next frame and the copy baseline's
    /// (mean L1 in its target space; nil for policies and older records).
    public var predictionErrors: [Float]?
    public var copyErrors: [Float]?
    /// The executed actions and the observed states (7 values each).
    public var actions: [[Float]]
    public var states: [[Float]]
    /// Folder of the episode's frames (`frame_NNNNNN.png`, one per step and the last) relative to the run folder.
    public var frames: String

    enum CodingKeys: String, CodingKey {
        case task, object, lab, trial, encoder, predictor, planner, success, steps, energies, actions, states, frames
        case taskSeed = "task_seed", secondsPerAction = "seconds_per_action", finalDistance = "final_distance"
        case finalHandDistance = "final_hand_distance", observedEnergies = "observed_energies"
        case predictionErrors = "prediction_errors", copyErrors = "copy_errors"
    }

    public init(task: String, object: String, lab: String, trial: Int, taskSeed: UInt64, encoder: String, predictor: String,
                planner: String, success: Bool, steps: Int, secondsPerAction: Double, finalDistance: Double,
                finalHandDistance: Double, energies: [Float], observedEnergies: [Float]?,
                predictionErrors: [Float]? = nil, copyErrors: [Float]? = nil, actions: [[Float]],
                states: [[Float]], frames: String) {
        (self.task, self.object, self.lab, self.trial, self.taskSeed) = (task, object, lab, trial, taskSeed)
        (self.encoder, self.predictor, self.planner, self.success, self.steps) = (encoder, predictor, planner, success, steps)
        (self.secondsPerAction, self.finalDistance, self.finalHandDistance) = (secondsPerAction, finalDistance, finalHandDistance)
        (self.energies, self.observedEnergies, self.actions, self.states, self.frames) = (energies, observedEnergies, actions, states, frames)
        (self.predictionErrors, self.copyErrors) = (predictionErrors, copyErrors)
    }

    /// The record's file name inside `records/`.
    public static func fileName(task: String, object: String, trial: Int) -> String {
        "\(task)-\(object)-\(String(format: "%04d", trial)).json"
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    public static func read(from url: URL) throws -> EpisodeRecord {
        do { return try JSONDecoder().decode(EpisodeRecord.self, from: Data(contentsOf: url)) } catch {
            throw EvaluationError.unreadableRecord(path: url.path, reason: "\(error)")
        }
    }
}

/// Why an evaluation could not run or be summarised.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case unreadableRecord(path: String, reason: String)
    case invalid(String)

    public var description: String {
        switch self {
        case .unreadableRecord(let path, let reason): "\(path): not an episode record: \(reason)"
        case .invalid(let message): message
        }
    }
}
