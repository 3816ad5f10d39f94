/// What touched one object during a policy step (see `World.contacts`), as the contact solver saw it.
public struct ObjectContact: Hashable, Sendable {
    /// Some part of the arm, hand or fingers touched the object.
    public var touched: Bool
    /// Both fingers touched the object in the same physics step: it was pinched between them.
    public var pinched: Bool

    public init(touched: Bool, pinched: Bool) {
        self.touched = touched
        self.pinched = pinched
    }
}
