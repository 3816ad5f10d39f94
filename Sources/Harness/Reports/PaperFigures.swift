/// The published success rates this harness reproduces, stored as data so that `report.md` can put them beside ours.
///
/// Source: Assran et al., "V-JEPA 2: Self-Supervised Video Models Enable Understanding, Prediction and Planning"
/// (arXiv:2506.09985, 2025), Table 2 (zero-shot robot manipulation, Franka arm, two unseen labs, 10 trials per
/// cell) and Table 3 (planning performance against Cosmos). Reach has no object in the paper; its one figure stands
/// for both objects here.
public enum PaperFigures {
    /// The paper's tables `table.paper` may name.
    public static let tables = ["table2", "table3"]
    public static let source = "Assran et al., V-JEPA 2 (arXiv:2506.09985), Tables 2 and 3"

    /// One published row: success in percent by (task, object), and for Table 3 the planning budget.
    public struct Row: Sendable {
        public let method: String
        /// Success in percent by `task/object` (`reach` under both objects).
        public let success: [String: Double]
        public let samples: Int?
        public let iterations: Int?
        public let horizon: Int?
        /// Wall time per action as the paper states it.
        public let timePerAction: String?
    }

    /// The rows of `table` (`table2` or `table3`); empty for another name.
    public static func rows(of table: String) -> [Row] {
        switch table {
        case "table2": table2
        case "table3": table3
        default: []
        }
    }

    /// The published row called `method` in `table`.
    public static func row(_ method: String, in table: String) -> Row? { rows(of: table).first { $0.method == method } }

    private static func cells(reach: Double, grasp: (Double, Double), reachWithObject: (Double, Double)?,
                              pickAndPlace: (Double, Double)) -> [String: Double] {
        var cells = ["reach/cup": reach, "reach/box": reach, "grasp/cup": grasp.0, "grasp/box": grasp.1,
                     "pick-and-place/cup": pickAndPlace.0, "pick-and-place/box": pickAndPlace.1]
        if let r = reachWithObject {
            cells["reach-with-object/cup"] = r.0
            cells["reach-with-object/box"] = r.1
        }
        return cells
    }

    static let table2: [Row] = [
        Row(method: "V-JEPA 2-AC",
            success: cells(reach: 100, grasp: (65, 25), reachWithObject: (75, 75), pickAndPlace: (80, 65)),
            samples: nil, iterations: nil, horizon: nil, timePerAction: nil),
        Row(method: "Octo",
            success: cells(reach: 100, grasp: (15, 0), reachWithObject: (15, 70), pickAndPlace: (15, 10)),
            samples: nil, iterations: nil, horizon: nil, timePerAction: nil),
    ]

    static let table3: [Row] = [
        Row(method: "Cosmos", success: cells(reach: 80, grasp: (0, 20), reachWithObject: nil, pickAndPlace: (0, 0)),
            samples: 80, iterations: 10, horizon: 1, timePerAction: "4 min"),
        Row(method: "V-JEPA 2-AC", success: cells(reach: 100, grasp: (60, 20), reachWithObject: nil, pickAndPlace: (80, 50)),
            samples: 800, iterations: 10, horizon: 1, timePerAction: "16 s"),
    ]
}
