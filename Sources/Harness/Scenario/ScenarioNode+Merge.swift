extension ScenarioNode {
    /// This node laid over `base`, as `include:` combines files: mappings merge key by key (recursively), scalars
    /// and lists replace. An empty value (`key: ~`) replaces too, which removes a section of the base.
    public func merged(over base: ScenarioNode) -> ScenarioNode {
        guard case .mapping(let mine) = content, case .mapping(var merged) = base.content else { return self }
        for entry in mine {
            if let i = merged.firstIndex(where: { $0.key == entry.key }) {
                merged[i].value = entry.value.merged(over: merged[i].value)
                merged[i].keyLocation = entry.keyLocation
            } else {
                merged.append(entry)
            }
        }
        return ScenarioNode(.mapping(merged), at: location)
    }

    /// The node at `path` (mapping keys, or list indices as numbers), nil when there is none.
    public func node(at path: [String]) -> ScenarioNode? {
        guard let head = path.first else { return self }
        switch content {
        case .mapping: return self[head]?.node(at: Array(path.dropFirst()))
        case .sequence(let items):
            guard let i = Int(head), items.indices.contains(i) else { return nil }
            return items[i].node(at: Array(path.dropFirst()))
        default: return nil
        }
    }

    /// This node with the value at `path` replaced by `value`, creating mappings for missing keys. Fails on a path
    /// that runs through a scalar or past the end of a list; `describe` names the path for the message.
    public func setting(_ path: ArraySlice<String>, to value: ScenarioNode, describe: String) throws -> ScenarioNode {
        guard let head = path.first else { return value }
        let rest = path.dropFirst()
        var copy = self
        switch content {
        case .mapping(var entries):
            if let i = entries.firstIndex(where: { $0.key == head }) {
                entries[i].value = try entries[i].value.setting(rest, to: value, describe: describe)
            } else {
                let empty = ScenarioNode(.mapping([]), at: value.location)
                entries.append(Entry(key: head, keyLocation: value.location,
                                     value: try empty.setting(rest, to: value, describe: describe)))
            }
            copy.content = .mapping(entries)
        case .null:
            return try ScenarioNode(.mapping([]), at: location).setting(path, to: value, describe: describe)
        case .sequence(var items):
            guard let i = Int(head), items.indices.contains(i) else {
                throw ScenarioError("\(describe): '\(head)' is not an index of the list at \(location) (it has \(items.count) items)",
                                    at: value.location)
            }
            items[i] = try items[i].setting(rest, to: value, describe: describe)
            copy.content = .sequence(items)
        case .scalar:
            throw ScenarioError("\(describe): the path runs through the \(typeName) at \(location)", at: value.location)
        }
        return copy
    }
}
