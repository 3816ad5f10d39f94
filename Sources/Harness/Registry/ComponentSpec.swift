/// What a registered component is called, what it does and which parameters it takes.
public struct ComponentSpec: Sendable {
    /// One parameter of a component, with its default.
    public struct Parameter: Sendable {
        public let name: String
        public let defaultValue: ParameterValue
        public let help: String

        public init(_ name: String, _ defaultValue: ParameterValue, _ help: String) {
            self.name = name
            self.defaultValue = defaultValue
            self.help = help
        }
    }

    public let id: String
    public let summary: String
    public let parameters: [Parameter]

    /// The kind named by the id's prefix (`planner/cem` is a planner).
    public var kind: ComponentKind? {
        id.split(separator: "/").first.flatMap { ComponentKind(rawValue: String($0)) }
    }

    public init(id: String, summary: String, parameters: [Parameter] = []) {
        self.id = id
        self.summary = summary
        self.parameters = parameters
    }
}
