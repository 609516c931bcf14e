/// A mouse event as the terminal reported it (SGR 1006 or X10, decoded by the backend): where,
/// in screen cells from the top left, and what.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The left button pressed; a second press on the same cell soon after is a double one.
        case press, doublePress
        /// The wheel turned up (away from the user) or down.
        case wheelUp, wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What a mouse can act on, as a widget drew it: a list's row (by its index in the list) or a
/// column header (by the column's index). The view turns each into actions.
public enum Region: Hashable, Sendable {
    case row(Int)
    case header(Int)
}
