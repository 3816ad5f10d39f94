import ArgumentParser
import Foundation
import Harness
import Sim

/// `jepalab sensitivity`: how well a predictor tells candidate actions apart, against the simulator.
struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure how well a predictor ranks counterfactual actions, against the simulator.",
        discussion: """
            From the start of --states reach tasks in --lab, --actions random position steps (within ±--max-step m \
            per axis) are executed in the simulator and predicted by the predictor, in its target space. Prints how \
            much the true and the predicted frames depend on the action, the cosine between the two, the \
            action-dependent part of the error, and how far (cm) the action whose prediction best matches another \
            action's true frame lands from that action (0 for the simulator itself; the chance level beside it).
            """)

    @Option(help: "Encoder, e.g. encoder/vjepa:checkpoint=runs/enc.safetensors.") var encoder: String
    @Option(help: "Predictor, e.g. ac:checkpoint=runs/ac.safetensors, or oracle.") var predictor: String
    @Option(help: "Lab: \(Lab.builtIn.map(\.name).joined(separator: ", ")).") var lab = "lab-a"
    @Option(help: "States (reach-task starts) to measure at.") var states = 12
    @Option(help: "Random actions per state.") var actions = 64
    @Option(help: "Largest position step per axis, metres.") var maxStep = ActionBounds.paperMaxStep
    @Option(help: "Seed of the states and actions.") var seed: UInt64 = 0

    func validate() throws {
        do { _ = try Lab.named(lab) } catch let error as SimError { throw ValidationError(error.description) }
        guard states > 0, actions > 1, maxStep > 0 else {
            throw ValidationError("--states must be positive, --actions at least 2 and --max-step positive")
        }
    }

    func run() throws {
        let registry = try Catalog.standard()
        let (encoderChoice, predictorChoice) = (try registry.component(encoder, kind: .encoder),
                                                try registry.component(predictor, kind: .predictor))
        let model = try WorldModel(encoder: encoderChoice, predictor: predictorChoice, registry: registry)
        var measurement = ActionSensitivity(lab: try Lab.named(lab))
        (measurement.states, measurement.actions, measurement.maxStep, measurement.seed) = (states, actions, maxStep, seed)
        let oracle = try registry.make("predictor/oracle", as: (any SimulatorPredictor).self)
        let r = measurement.measure(eye: model.eye, predictor: model.predictor,
                                    simulator: WorldModel.binding(oracle, eye: model.eye))
        print("\(encoderChoice) + \(predictorChoice) in \(lab), \(r.states) states × \(r.actions) actions:")
        print(String(format: "  action-dependence of the frame %.5f, of the prediction %.5f, cosine %.3f",
                     r.signal, r.spread, r.cosine))
        let ratio = r.actionDependentError > 0 ? String(format: "%.2f", r.signal / r.actionDependentError) : "∞"
        print(String(format: "  action-dependent error %.5f (frame's action-dependence / error: %@)",
                     r.actionDependentError, ratio))
        print(String(format: "  goal-action miss %.1f cm (chance %.1f cm)", 100 * r.goalMiss, 100 * r.chanceMiss))
    }
}
