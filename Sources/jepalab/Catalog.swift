import Baselines
import Encoders
import Harness
import Planners
import Predictors

/// The registry holding every built-in component; the one place the Plugins modules are put together.
enum Catalog {
    static func standard() throws -> Registry {
        var registry = Registry()
        try Encoders.register(into: &registry)
        try Predictors.register(into: &registry)
        try Planners.register(into: &registry)
        try Baselines.register(into: &registry)
        return registry
    }

    /// Every bench of `jepalab bench`, in the order it runs them.
    static let benches: [Bench] = CoreBenches.all + [Encoders.pretrainBench, Predictors.posttrainBench, PlanningBench.bench]
}

extension Registry {
    /// A component as named on the command line (`cem:samples=100`), its parameters typed by this registry.
    func component(_ text: String, kind: ComponentKind) throws -> StageComponent {
        let reference = try ComponentReference(parsing: text, kind: kind)
        return StageComponent(id: reference.id, parameters: try reference.overrides(in: self))
    }
}
