import HetaoDomain

/// The reckoning (today, the day shown, the thresholds) and what the store says of itself:
/// whether it is read-only and how many of its records could not be read. Part of `AppState`.
public struct LiveContext: Hashable, Sendable {
    public var reckoning: Reckoning
    public var isReadOnly: Bool
    public var unreadableRecords: Int
    /// Set while the status store cannot be reached.
    public var outage: StoreOutage?
    /// Over `hetao serve`: who this session is and in which role (`viewer`, `recorder`), shown
    /// in the status bar so the role is known before a key is refused.
    public var sessionUser: String?
    public var sessionRole: String?

    public init(_ reckoning: Reckoning, isReadOnly: Bool = false, unreadableRecords: Int = 0) {
        self.reckoning = reckoning
        self.isReadOnly = isReadOnly
        self.unreadableRecords = unreadableRecords
    }

    public init(today: Day) { self.init(Reckoning(today: today)) }

    /// The day figures are reckoned on: today, or the day travelled to.
    public var day: Day { reckoning.day }
    /// The calendar day: what a record's as-of date is checked against.
    public var today: Day { reckoning.today }
    public var staleAfterDays: Int { reckoning.staleAfterDays }
    public var thresholds: Thresholds { reckoning.thresholds }
}
