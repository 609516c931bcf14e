/// A programme event with its dates. Achieved once an actual date is recorded.
public struct Milestone: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var phaseID: String?
    public var dates: DatePlan
    public var note: String?
    public var sourceID: String
    /// Chinese text of the English fields, where the dataset gives it.
    public var chinese = ChineseText()

    public init(id: String, name: String, phaseID: String?, dates: DatePlan, note: String?,
                sourceID: String) {
        self.id = id
        self.name = name
        self.phaseID = phaseID
        self.dates = dates
        self.note = note
        self.sourceID = sourceID
    }

    /// The date to show and sort by: actual, else forecast, else baseline.
    public var when: DatedValue? { dates.actual ?? dates.forecast ?? dates.baseline }

    public var isAchieved: Bool { dates.actual != nil }

    /// Not achieved, and the period it was expected in ended before `day`.
    public func isOverdue(on day: Day) -> Bool {
        guard !isAchieved, let when else { return false }
        return when.lastDay < day
    }

    /// Where it stands on `day`, by the one rule the panes, the reports and the changes use.
    public func state(on day: Day) -> MilestoneState {
        isAchieved ? .achieved : isOverdue(on: day) ? .overdue : .expected
    }

    /// Forecast (or actual) minus baseline in days; positive means late. Each counts from the
    /// end of its published period: an opening due "in 2025" that came on 22 December is on time.
    public var varianceDays: Int? {
        guard let baseline = dates.baseline, let expected = dates.expected else { return nil }
        return baseline.lastDay.days(until: expected.lastDay)
    }
}

/// Achieved; expected; or expected and its period over: overdue.
public enum MilestoneState: String, Hashable, Sendable {
    case achieved, expected, overdue
}
