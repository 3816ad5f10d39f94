import Foundation
import Harness

/// Scenario files written into a fresh temporary folder, and a registry with the specs the tests name.
struct ScenarioFixtures {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` as `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The error `body` throws, as a `ScenarioError` (nil when it throws none or another error).
    static func error(_ body: () throws -> Void) -> ScenarioError? {
        do {
            try body()
            return nil
        } catch {
            return error as? ScenarioError
        }
    }

    /// Component specs as the plugins declare them (the factories are not used by planning).
    static func registry() throws -> Registry {
        var registry = Registry()
        let specs = [
            ComponentSpec(id: "encoder/vjepa", summary: "ViT", parameters: [.init("checkpoint", .string(""), "file")]),
            ComponentSpec(id: "encoder/pixels", summary: "pixels", parameters: [.init("patch", .int(8), "patch side")]),
            ComponentSpec(id: "predictor/ac", summary: "AC", parameters: [.init("width", .int(128), "width"), .init("depth", .int(4), "depth")]),
            ComponentSpec(id: "planner/cem", summary: "CEM", parameters: [
                .init("samples", .int(800), "samples"), .init("iterations", .int(10), "iterations"),
                .init("momentum_mean", .double(0.15), "momentum")]),
            ComponentSpec(id: "policy/octo", summary: "Octo-style", parameters: []),
        ]
        for spec in specs { try registry.register(spec) { _ in spec.id } }
        return registry
    }

    /// A small complete scenario: data, pre-training, post-training, one planner method and the expert.
    static let pipeline = """
        name: pipeline
        seed: 3
        data:
          episodes: 8
          frames: 8
          size: 32
        pretrain:
          encoder: {id: encoder/vjepa}
          steps: 10
        posttrain:
          predictor: {id: predictor/ac, width: 64}
          steps: 10
        eval:
          trials: 2
          tasks: [reach, grasp]
          objects: [cup]
          labs: [lab-a]
          methods:
            - name: latent CEM
              planner: {id: planner/cem, samples: 100}
            - {name: expert, scripted: expert}
        """
}
