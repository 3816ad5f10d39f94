/// One figure of `jepalab bench`, beside the reference it is compared with, measured in the same process run.
public struct BenchFigure: Codable, Sendable, Equatable {
    /// A reference measurement (or a fixed physical rate such as real time) the figure is compared with.
    public struct Reference: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double
        public var unit: String

        public init(name: String, value: Double, unit: String) {
            self.name = name
            self.value = value
            self.unit = unit
        }
    }

    public var benchmark: String
    public var name: String
    public var value: Double
    public var unit: String
    public var reference: Reference?

    public init(benchmark: String, name: String, value: Double, unit: String, reference: Reference? = nil) {
        self.benchmark = benchmark
        self.name = name
        self.value = value
        self.unit = unit
        self.reference = reference
    }

    /// `value / reference.value`, when there is a reference.
    public var ratio: Double? { reference.map { value / $0.value } }
}
