/// `table:` — how results are laid out: which dimensions make the rows and the columns (the others are summed
/// over), extra per-method columns, and which of the paper's tables `report.md` compares against.
public struct TableLayout: Sendable, Equatable {
    /// A dimension of the results.
    public enum Dimension: String, CaseIterable, Sendable, Codable {
        case method, task, object, lab
    }

    public static let keys = ["rows", "columns", "extras", "paper", "title"]
    /// Extra columns a row of one method can show: its planner's budget and its measured time per action.
    public static let extras = ["samples", "iterations", "horizon", "seconds_per_action"]

    public var rows: [Dimension]
    public var columns: [Dimension]
    public var extras: [String]
    /// `table2`, `table3`, or nil: the paper's table `report.md` puts beside ours.
    public var paper: String?
    public var title: String?

    public init(rows: [Dimension] = [.method], columns: [Dimension] = [.task, .object], extras: [String] = [],
                paper: String? = nil, title: String? = nil) {
        self.rows = rows
        self.columns = columns
        self.extras = extras
        self.paper = paper
        self.title = title
    }

    init(_ node: ScenarioNode) throws {
        let f = try node.fields("table", valid: TableLayout.keys)
        let valid = Dimension.allCases.map(\.rawValue)
        func dimensions(_ key: String, default value: [Dimension]) throws -> [Dimension] {
            guard let list = f.optional(key) else { return value }
            var items = [list]
            if case .sequence = list.content { items = try list.list(f.path(key)) }
            return try items.map { Dimension(rawValue: try $0.choice(f.path(key), of: valid, what: "dimension"))! }
        }
        self.init(rows: try dimensions("rows", default: [.method]), columns: try dimensions("columns", default: [.task, .object]))
        if let overlap = rows.first(where: columns.contains) {
            throw ScenarioError("table: '\(overlap.rawValue)' is in both rows and columns", at: node.location)
        }
        extras = try f.optional("extras").map { list in
            try list.list(f.path("extras")).map { try $0.choice(f.path("extras"), of: TableLayout.extras, what: "extra column") }
        } ?? []
        if !extras.isEmpty, rows != [.method] {
            throw ScenarioError("table.extras describe methods, so they need rows: [method]", at: node.location)
        }
        paper = try f.optional("paper")?.choice(f.path("paper"), of: PaperFigures.tables, what: "paper table")
        title = try f.optional("title")?.string(f.path("title"))
    }
}
