import Foundation
import Yams

/// A YAML value together with the place it was written, kept through includes and `--set` overrides so that every
/// error can point at the line and column the offending value came from.
public struct ScenarioNode: Sendable, Equatable {
    /// One `key: value` pair of a mapping.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: ScenarioNode
    }

    public enum Content: Sendable, Equatable {
        case null
        /// A scalar as written; a quoted scalar is always a string.
        case scalar(String, quoted: Bool)
        case sequence([ScenarioNode])
        case mapping([Entry])
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The first document of `yaml`, read from `file` (the name errors show); an empty document is an empty mapping.
    public static func parse(yaml: String, file: String) throws -> ScenarioNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ScenarioError("not valid YAML: \(ScenarioNode.summary(of: error))", at: SourceLocation(file: file, line: 0, column: 0))
        }
        guard let root else { return ScenarioNode(.mapping([]), at: SourceLocation(file: file, line: 1, column: 1)) }
        return try ScenarioNode(root, file: file)
    }

    private init(_ node: Node, file: String) throws {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style != .plain && scalar.style != .any
            if !quoted, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                self.init(.null, at: location)
            } else {
                self.init(.scalar(scalar.string, quoted: quoted), at: location)
            }
        case .sequence(let sequence):
            self.init(.sequence(try sequence.map { try ScenarioNode($0, file: file) }), at: location)
        case .mapping(let mapping):
            var entries = [Entry]()
            for (key, value) in mapping {
                let keyNode = try ScenarioNode(key, file: file)
                guard case .scalar(let name, _) = keyNode.content else {
                    throw ScenarioError("a mapping key must be a plain name, not a \(keyNode.typeName)", at: keyNode.location)
                }
                if let first = entries.first(where: { $0.key == name }) {
                    throw ScenarioError("duplicate key '\(name)' (first at line \(first.keyLocation.line))", at: keyNode.location)
                }
                entries.append(Entry(key: name, keyLocation: keyNode.location, value: try ScenarioNode(value, file: file)))
            }
            self.init(.mapping(entries), at: location)
        }
    }

    /// The value under `key` of a mapping (nil for other nodes or a missing key).
    public subscript(key: String) -> ScenarioNode? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// What kind of value this is, as error messages name it.
    public var typeName: String {
        switch content {
        case .null: "empty value"
        case .scalar(let text, _): "scalar '\(text)'"
        case .sequence: "list"
        case .mapping: "mapping"
        }
    }

    /// This value as JSON text (plain scalars typed, keys in file order), for writing the resolved scenario.
    public var json: String {
        switch content {
        case .null: return "null"
        case .scalar(let text, let quoted):
            if !quoted {
                if text == "true" || text == "false" { return text }
                if let int = Int(text) { return String(int) }
                if let double = Double(text), double.isFinite { return String(double) }
            }
            return ScenarioNode.quote(text)
        case .sequence(let items):
            return "[" + items.map(\.json).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { ScenarioNode.quote($0.key) + ": " + $0.value.json }.joined(separator: ", ") + "}"
        }
    }

    /// `text` as a JSON string literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    private static func summary(of error: YamlError) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "parse error"
    }
}
