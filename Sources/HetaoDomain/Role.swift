/// What a user may do over SSH: viewers look, recorders also record, administrators also
/// manage the users (`hetao users`).
public enum Role: String, CaseIterable, Sendable {
    case viewer, recorder, admin

    /// Recorders and administrators.
    public var mayRecord: Bool { self != .viewer }
}
