/// How many episodes of a dataset showed each interaction (see `Interactions` for the definitions).
public struct DatasetStatistics: Codable, Equatable, Sendable {
    public var episodes = 0
    public var touched = 0
    public var graspAttempted = 0
    public var grasped = 0
    public var lifted = 0
    public var carried = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case episodes, touched, grasped, lifted, carried
        case graspAttempted = "grasp_attempted"
    }

    /// The statistics of episodes with these interactions.
    public init<S: Sequence>(_ interactions: S) where S.Element == Interactions {
        for i in interactions { add(i) }
    }

    public mutating func add(_ i: Interactions) {
        episodes += 1
        touched += i.touched ? 1 : 0
        graspAttempted += i.graspAttempted ? 1 : 0
        grasped += i.grasped ? 1 : 0
        lifted += i.lifted ? 1 : 0
        carried += i.carried ? 1 : 0
    }

    /// One line per interaction: count, share of episodes.
    public var summary: String {
        let rows = [("touched", touched), ("grasp attempted", graspAttempted), ("grasped", grasped),
                    ("lifted", lifted), ("carried", carried)]
        return rows.map { name, count in
            let share = episodes == 0 ? 0 : 100 * Double(count) / Double(episodes)
            let percent = (share * 10).rounded() / 10
            return "\(name): \(count) of \(episodes) episodes (\(percent)%)"
        }.joined(separator: "\n")
    }
}
