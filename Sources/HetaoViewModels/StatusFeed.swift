import HetaoDomain

/// Where a running dashboard gets recorded status from (the status store), so that a record
/// written anywhere shows on every open dashboard.
public protocol StatusFeed: AnyObject {
    /// The programme with the latest recorded status, when the store changed since the last
    /// call (or on the first call); nil when nothing changed. Cheap enough to call every second.
    func poll() -> Programme?
    /// Every record about `subject` known at the end of `day` (nil: now), oldest first, for
    /// detail views.
    func history(of subject: String, asKnownOn day: Day?) -> [StatusRecord]
    /// What a combined S-curve is drawn from: the store's daily sums, or its standing reports.
    func progress(_ request: ProgressRequest) -> ReportedProgress
    /// Offers a record made in the dashboard: stored and `.saved`, or `.refused` with the issues
    /// the validator found (warnings too, unless `acceptingWarnings`), or `.failed`.
    func record(_ record: StatusRecord, today: Day, acceptingWarnings: Bool) -> RecordOutcome
    /// The UTC stamp of the local midnight that starts `day`.
    func stamp(startOf day: Day) -> String
    /// What changed since `stamp` (UTC), net, newest first, and the stamp it was read up to.
    func changes(since stamp: String) -> (changes: [NetChange], until: String)
    /// The programme as the store knew it at the end of `day`.
    func programme(asKnownOn day: Day) -> Programme
    /// The last day before `day`, or the first after it, on which anything became known: a
    /// record was made, or a source of the dataset was published.
    func dayKnown(before day: Day) -> Day?
    func dayKnown(after day: Day) -> Day?
    /// True when the store could only be opened for reading.
    var isReadOnly: Bool { get }
    /// How many records met so far could not be read (written by another tool, or damaged).
    var unreadableRecords: Int { get }
    /// Set while the store cannot be reached, as the last `poll` found it.
    var outage: StoreOutage? { get }
    /// Readable when the store may have changed, so the dashboard can sleep until then; nil when
    /// the store cannot be watched and must be polled.
    var descriptor: Int32? { get }
}

/// What the dashboard keeps of its user between runs: up to when they have seen the changes,
/// and when they last marked a meeting.
public protocol VisitMarks: AnyObject {
    /// The user has seen what changed up to `stamp` (nil: now).
    func sawChanges(until stamp: String?)
    /// Keeps a meeting marked now; its stamp.
    func markMeeting() -> String
    /// Keeps the user's `:` commands, oldest first, for their next visit.
    func keepCommands(_ lines: [String])
}
