/// Maps component ids such as `planner/cem` to typed factories.
///
/// Each Plugins module adds its components in one `register(into:)`; scenario files and commands build them by id
/// with parameter overrides. An unknown id or parameter is an error that lists what exists.
public struct Registry: Sendable {
    private struct Entry: Sendable {
        let spec: ComponentSpec
        let make: @Sendable (Parameters) throws -> Any
    }

    private var entries: [String: Entry] = [:]

    public init() {}

    /// Adds a component; `make` builds it from its resolved parameters.
    public mutating func register<Component>(
        _ spec: ComponentSpec, make: @escaping @Sendable (Parameters) throws -> Component
    ) throws {
        guard spec.kind != nil, spec.id.split(separator: "/").count == 2 else {
            throw RegistryError.malformedID(spec.id)
        }
        guard entries[spec.id] == nil else { throw RegistryError.duplicate(spec.id) }
        entries[spec.id] = Entry(spec: spec, make: { try make($0) })
    }

    /// Builds the component `id` as a `Component`, with `overrides` applied to its default parameters.
    public func make<Component>(
        _ id: String, as type: Component.Type = Component.self, overrides: [String: ParameterValue] = [:]
    ) throws -> Component {
        let entry = try entry(id)
        let built = try entry.make(Parameters(spec: entry.spec, overrides: overrides))
        guard let component = built as? Component else {
            throw RegistryError.wrongKind(id: id, expected: String(describing: Component.self))
        }
        return component
    }

    /// The spec registered under `id`.
    public func spec(_ id: String) throws -> ComponentSpec { try entry(id).spec }

    /// Every registered spec of `kind`, sorted by id.
    public func specs(of kind: ComponentKind) -> [ComponentSpec] {
        entries.values.map(\.spec).filter { $0.kind == kind }.sorted { $0.id < $1.id }
    }

    private func entry(_ id: String) throws -> Entry {
        guard let entry = entries[id] else {
            let sameKind = id.split(separator: "/").first.map(String.init)
            let known = entries.keys.filter { sameKind == nil || $0.hasPrefix(sameKind! + "/") }.sorted()
            throw RegistryError.unknownComponent(id: id, known: known.isEmpty ? entries.keys.sorted() : known)
        }
        return entry
    }
}
