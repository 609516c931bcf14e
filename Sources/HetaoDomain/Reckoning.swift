/// The day a programme's figures are reckoned on and the settings that judge them. Every
/// output (the dashboard, the report printed without a terminal, `report` in each format, a
/// command over `hetao serve`) takes one, so each figure is one function of the store's
/// records, the day shown, today and the settings, and two outputs of one store at one
/// moment agree.
public struct Reckoning: Hashable, Sendable {
    /// Today where the output is made: what as-of dates are checked against.
    public var today: Day
    /// The past day whose knowledge is shown (`--as-known-on`, `t`); nil for now.
    public var knownOn: Day?
    /// A building's progress report older than this is stale.
    public var staleAfterDays: Int
    /// Where SPI and CPI turn to a warning and to bad.
    public var thresholds: Thresholds
    /// Where a building's lag behind its plan turns to a warning and to bad.
    public var behindPlan: Thresholds

    /// A progress report older than this many days is stale unless a setting says otherwise.
    public static let defaultStaleAfterDays = 30

    public init(today: Day, knownOn: Day? = nil, staleAfterDays: Int = defaultStaleAfterDays, thresholds: Thresholds = .earnedValue,
                behindPlan: Thresholds = .behindPlan) {
        self.today = today
        self.knownOn = knownOn
        self.staleAfterDays = staleAfterDays
        self.thresholds = thresholds
        self.behindPlan = behindPlan
    }

    /// The same reckoning shown on `day`: the past when it is before today, else now.
    public func showing(_ day: Day) -> Reckoning {
        var shown = self
        shown.knownOn = day < today ? day : nil
        return shown
    }

    /// The day statuses, plans, earned value and overdue milestones are reckoned on: the day
    /// known on, else today.
    public var day: Day { knownOn ?? today }
}
