/// Strict typed reads of scenario values: a wrong type is an error naming the key path, the place and what was found.
extension ScenarioNode {
    /// The keys of a mapping, checked against the valid ones: an unknown key is an error that lists them.
    public struct Fields {
        public let path: String
        public let node: ScenarioNode
        private let entries: [Entry]

        /// The value of `key`, nil when it is absent or empty.
        public func optional(_ key: String) -> ScenarioNode? {
            guard let value = entries.first(where: { $0.key == key })?.value, value.content != .null else { return nil }
            return value
        }

        /// The value of `key`; absent is an error.
        public func required(_ key: String) throws -> ScenarioNode {
            guard let value = optional(key) else {
                throw ScenarioError("\(path.isEmpty ? "the scenario" : path) needs '\(key)'", at: node.location)
            }
            return value
        }

        /// The path of `key` below this mapping, as messages show it.
        public func path(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

        /// Every key present, in file order.
        public var keys: [String] { entries.map(\.key) }

        /// Every entry, in file order.
        public var all: [Entry] { entries }

        fileprivate init(path: String, node: ScenarioNode, entries: [Entry]) {
            self.path = path
            self.node = node
            self.entries = entries
        }
    }

    /// This mapping's fields; keys not in `valid` are errors (pass nil to accept any key, e.g. component parameters).
    public func fields(_ path: String, valid: [String]?) throws -> Fields {
        guard case .mapping(let entries) = content else {
            throw ScenarioError("\(path.isEmpty ? "the scenario" : path) must be a mapping, got a \(typeName)", at: location)
        }
        if let valid {
            for entry in entries where !valid.contains(entry.key) {
                let within = path.isEmpty ? "" : " in \(path)"
                throw ScenarioError(
                    "unknown key '\(entry.key)'\(within); valid keys: \(valid.joined(separator: ", "))", at: entry.keyLocation)
            }
        }
        return Fields(path: path, node: self, entries: entries)
    }

    /// The items of a list.
    public func list(_ path: String) throws -> [ScenarioNode] {
        guard case .sequence(let items) = content else { throw mismatch(path, expected: "a list") }
        return items
    }

    public func string(_ path: String) throws -> String {
        guard case .scalar(let text, _) = content else { throw mismatch(path, expected: "a string") }
        return text
    }

    public func int(_ path: String) throws -> Int {
        guard case .scalar(let text, false) = content, let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw mismatch(path, expected: "an integer")
        }
        return value
    }

    public func double(_ path: String) throws -> Double {
        guard case .scalar(let text, false) = content, let value = Double(text.replacingOccurrences(of: "_", with: "")),
              value.isFinite else {
            throw mismatch(path, expected: "a number")
        }
        return value
    }

    public func bool(_ path: String) throws -> Bool {
        guard case .scalar(let text, false) = content, let value = Bool(text) else { throw mismatch(path, expected: "true or false") }
        return value
    }

    /// A non-negative integer that fits a seed.
    public func seed(_ path: String) throws -> UInt64 {
        guard case .scalar(let text, false) = content, let value = UInt64(text.replacingOccurrences(of: "_", with: "")) else {
            throw mismatch(path, expected: "a non-negative integer seed")
        }
        return value
    }

    /// An integer of at least `minimum`.
    public func int(_ path: String, atLeast minimum: Int) throws -> Int {
        let value = try int(path)
        guard value >= minimum else { throw ScenarioError("\(path) must be at least \(minimum), got \(value)", at: location) }
        return value
    }

    /// A number in `range`.
    public func double(_ path: String, in range: ClosedRange<Double>) throws -> Double {
        let value = try double(path)
        guard range.contains(value) else {
            throw ScenarioError("\(path) must be in \(range.lowerBound)...\(range.upperBound), got \(value)", at: location)
        }
        return value
    }

    /// One of `choices`; anything else is an error listing them.
    public func choice(_ path: String, of choices: [String], what: String) throws -> String {
        let value = try string(path)
        guard choices.contains(value) else {
            throw ScenarioError("unknown \(what) '\(value)' in \(path); valid: \(choices.joined(separator: ", "))", at: location)
        }
        return value
    }

    /// A list of exactly `count` numbers, e.g. a position `[x, y, z]`.
    public func numbers(_ path: String, count: Int) throws -> [Double] {
        let items = try list(path)
        guard items.count == count else {
            throw ScenarioError("\(path) must be a list of \(count) numbers, got \(items.count) items", at: location)
        }
        return try items.enumerated().map { try $1.double("\(path)[\($0)]") }
    }

    private func mismatch(_ path: String, expected: String) -> ScenarioError {
        ScenarioError("\(path) must be \(expected), got a \(typeName)", at: location)
    }
}
