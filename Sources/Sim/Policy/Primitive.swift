/// The motion primitive a scripted policy is executing at a step; the raw value is the label in the data files.
public enum Primitive: Int, CaseIterable, Hashable, Sendable, Codable {
    case move = 0, approach, descend, close, lift, carry, lower, open, retreat

    public var name: String { String(describing: self) }

    /// The primitive with data-file label `label`; an unknown label is an error.
    public init(label: Int) throws {
        guard let primitive = Primitive(rawValue: label) else { throw SimError.unknownPrimitive(label) }
        self = primitive
    }
}
