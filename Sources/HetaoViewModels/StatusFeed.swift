import HetaoDomain

/// Where a running dashboard gets recorded status from (the status store), so that a record
/// written anywhere shows on every open dashboard.
public protocol StatusFeed: AnyObject {
    /// The programme with the latest recorded status, when the store changed since the last
    /// call (or on the first call); nil when nothing changed. Cheap enough to call every second.
    func poll() -> Programme?
    /// Every record about `subject`, oldest first, for detail views.
    func history(of subject: String) -> [StatusRecord]
    /// True when the store could only be opened for reading.
    var isReadOnly: Bool { get }
}

/// What the views need besides the state: the date staleness is judged on, the threshold,
/// the history of what the open detail shows, and whether the store is read-only.
public struct LiveContext: Hashable, Sendable {
    public var today: Day
    public var staleAfterDays: Int
    public var history: [StatusRecord]
    public var isReadOnly: Bool

    public init(today: Day, staleAfterDays: Int = 30, history: [StatusRecord] = [], isReadOnly: Bool = false) {
        self.today = today
        self.staleAfterDays = staleAfterDays
        self.history = history
        self.isReadOnly = isReadOnly
    }
}
