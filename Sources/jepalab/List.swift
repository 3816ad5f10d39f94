import ArgumentParser
import Harness

/// `jepalab list`: every registered component by kind, with its parameters and defaults.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every registered component by kind, with its parameters and defaults.")

    @Option(help: "Only this kind: \(ComponentKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String?

    func validate() throws {
        if let kind, ComponentKind(rawValue: kind) == nil {
            throw ValidationError(
                "unknown kind '\(kind)'; kinds: \(ComponentKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let registry = try Catalog.standard()
        let kinds = kind.flatMap(ComponentKind.init(rawValue:)).map { [$0] } ?? ComponentKind.allCases
        for kind in kinds {
            let specs = registry.specs(of: kind)
            print("\(kind.plural) (\(specs.count))")
            for spec in specs {
                print("  \(spec.id)  \(spec.summary)")
                for parameter in spec.parameters {
                    print("      \(parameter.name) = \(parameter.defaultValue)  \(parameter.help)")
                }
            }
        }
    }
}
