import Foundation

/// Successes over trials of one method in one task × object cell of one lab, with its 95% Wilson interval.
public struct CellResult: Codable, Equatable, Sendable {
    public var method: String
    public var task: String
    public var object: String
    public var lab: String
    public var successes: Int
    public var trials: Int
    /// Mean wall time per action over the cell's trials.
    public var secondsPerAction: Double

    public init(method: String, task: String, object: String, lab: String, successes: Int, trials: Int, secondsPerAction: Double) {
        self.method = method
        self.task = task
        self.object = object
        self.lab = lab
        self.successes = successes
        self.trials = trials
        self.secondsPerAction = secondsPerAction
    }

    public var interval: WilsonInterval { WilsonInterval(successes: successes, trials: trials) }

    /// The value of `dimension` for this cell.
    public func value(of dimension: TableLayout.Dimension) -> String {
        switch dimension {
        case .method: method
        case .task: task
        case .object: object
        case .lab: lab
        }
    }

    /// One result per (task, object, lab) of `records`, in first-seen order.
    public static func summarise(method: String, records: [TrialRecord]) -> [CellResult] {
        var order = [String](), cells = [String: CellResult]()
        for r in records {
            let id = "\(r.task)/\(r.object)/\(r.lab)"
            if cells[id] == nil {
                order.append(id)
                cells[id] = CellResult(method: method, task: r.task, object: r.object, lab: r.lab, successes: 0, trials: 0,
                                       secondsPerAction: 0)
            }
            cells[id]!.secondsPerAction = (cells[id]!.secondsPerAction * Double(cells[id]!.trials) + r.secondsPerAction)
                / Double(cells[id]!.trials + 1)
            cells[id]!.trials += 1
            if r.success { cells[id]!.successes += 1 }
        }
        return order.compactMap { cells[$0] }
    }

    /// Sums cells (e.g. over labs): successes and trials add up, time per action is trial-weighted.
    public static func pooled(_ cells: [CellResult], as template: CellResult) -> CellResult {
        var total = template
        total.successes = cells.map(\.successes).reduce(0, +)
        total.trials = cells.map(\.trials).reduce(0, +)
        let weighted = cells.map { $0.secondsPerAction * Double($0.trials) }.reduce(0, +)
        total.secondsPerAction = total.trials == 0 ? 0 : weighted / Double(total.trials)
        return total
    }
}

/// `results.json`: every cell with its interval, per method, and where each method's records are.
public struct RunResults: Codable, Sendable {
    public struct Cell: Codable, Sendable {
        public let result: CellResult
        public let rate: Double
        public let lower: Double
        public let upper: Double
    }

    public let scenario: String
    public let cells: [Cell]
    /// Each evaluation and probe stage's key by stage name (its records are in `cache/<kind>/<key>/trials.jsonl`).
    public let keys: [String: String]

    public init(scenario: String, cells: [CellResult], keys: [String: String]) {
        self.scenario = scenario
        self.cells = cells.map { Cell(result: $0, rate: $0.interval.rate, lower: $0.interval.lower, upper: $0.interval.upper) }
        self.keys = keys
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}
