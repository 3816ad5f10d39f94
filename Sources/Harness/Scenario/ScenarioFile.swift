import Foundation

/// Reads a scenario file with its `include:`s: each included file (a path relative to the including file, or a
/// list of them, later ones winning) is read first and the including file is laid over it (`merged(over:)`).
public enum ScenarioFile {
    /// The merged tree of the file at `path` (as the user wrote it: messages show paths this way).
    public static func load(_ path: String) throws -> ScenarioNode {
        try load(path, chain: [], includedAt: nil)
    }

    private static func load(_ path: String, chain: [String], includedAt: SourceLocation?) throws -> ScenarioNode {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if let start = chain.firstIndex(of: canonical) {
            let cycle = (chain[start...] + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
            throw ScenarioError("include cycle: \(cycle.joined(separator: " → "))", at: includedAt)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            let what = FileManager.default.fileExists(atPath: path) ? "cannot be read as UTF-8 text" : "does not exist"
            throw ScenarioError("scenario file \(path) \(what)", at: includedAt)
        }
        var node = try ScenarioNode.parse(yaml: text, file: path)
        guard case .mapping(var entries) = node.content else {
            throw ScenarioError("a scenario must be a mapping of sections, got a \(node.typeName)", at: node.location)
        }
        guard let index = entries.firstIndex(where: { $0.key == "include" }) else { return node }
        let include = entries.remove(at: index).value
        node.content = .mapping(entries)
        let targets: [ScenarioNode]
        switch include.content {
        case .scalar: targets = [include]
        case .sequence(let items): targets = items
        default: throw ScenarioError("include must be a file name or a list of them, got a \(include.typeName)", at: include.location)
        }
        var base: ScenarioNode?
        for target in targets {
            let name = try target.string("include")
            let folder = (path as NSString).deletingLastPathComponent
            let full = name.hasPrefix("/") || folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
            let included = try load(full, chain: chain + [canonical], includedAt: target.location)
            base = base.map { included.merged(over: $0) } ?? included
        }
        return base.map { node.merged(over: $0) } ?? node
    }
}
