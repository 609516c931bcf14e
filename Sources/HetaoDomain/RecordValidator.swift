import Foundation

/// The part of a record an issue is about, so that a form can show it next to that field.
public enum RecordField: String, CaseIterable, Hashable, Sendable {
    case subject, event, asOf, percent, status, forecast, actual, shareLet, tenants, committed, spent
    case source, note, supersedes, recordedBy
}

/// A problem with a record to be stored. Errors stop it; warnings are printed and it is kept.
public struct RecordIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var message: String
    public var field: RecordField

    public static func error(_ field: RecordField, _ message: String) -> RecordIssue {
        RecordIssue(severity: .error, message: message, field: field)
    }

    public static func warning(_ field: RecordField, _ message: String) -> RecordIssue {
        RecordIssue(severity: .warning, message: message, field: field)
    }

    public var description: String { "\(severity.rawValue): \(message)" }
}

/// What became of a record offered to the store.
public enum RecordOutcome: Hashable, Sendable {
    /// Stored, with its id.
    case saved(StatusRecord)
    /// Not stored: errors, or warnings that were not accepted.
    case refused([RecordIssue])
    /// The store could not take it (locked, read-only, gone); the message says why.
    case failed(String)
}

/// What a correction names: a record of the store or an earlier row of the same import.
public enum CorrectionTarget: Sendable {
    case missing(id: Int64)
    /// The record, how to name it ("record 14", "line 3") and the correction that already
    /// supersedes it, if any ("#20", "line 7").
    case found(StatusRecord, name: String, correctedBy: String?)
}

/// The rules a record must meet before it is stored.
///
/// Errors: an unknown building, allocation or milestone (with the closest id suggested); a
/// percentage outside 0–100; an as-of or actual date after today; any date outside
/// 1990–2100; negative money, or more than HK$1,000 bn; spending above the allocation without
/// a note saying why (with one it is an overrun, recorded with a warning); a
/// control character (other than tab and line breaks) in any text; a correction of a record
/// that does not exist, is about something else or is already corrected. Warnings (recorded all the same): progress below the latest report, commitments
/// above the allocation (a supplementary approval may be pending), spending above commitments.
public struct RecordValidator {
    /// Dates outside these years are typing mistakes (`0001-01-01`), not construction dates.
    public static let plausibleDates = Day(year: 1990, month: 1, day: 1)!...Day(year: 2100, month: 12, day: 31)!
    /// More than the programme could ever spend: HK$1,000 bn.
    public static let largestAmount = HKD(dollars: 1_000_000_000_000)

    public let programme: Programme
    public let today: Day
    private let latest: [String: StatusRecord]
    private let buildingIDs: [String]
    private let allocationIDs: [String]
    private let milestoneIDs: [String]

    public init(programme: Programme, today: Day, latest: [StatusRecord]) {
        self.programme = programme
        self.today = today
        self.latest = Dictionary(latest.map { ($0.slot, $0) }, uniquingKeysWith: { $1 })
        buildingIDs = programme.buildings.map(\.id)
        allocationIDs = programme.allAllocations.map(\.allocation.id)
        milestoneIDs = programme.milestones.map(\.id)
    }

    /// `target` is what `r.supersedes` names, looked up by the caller.
    public func check(_ r: StatusRecord, correcting target: CorrectionTarget? = nil) -> [RecordIssue] {
        var issues: [RecordIssue] = []
        func unknown(_ what: String, _ candidates: [String]) {
            let hint = Suggestion.closest(to: r.subject, in: candidates).map { "; did you mean \($0)?" } ?? ""
            issues.append(.error(.subject, "no \(what) \(VisibleText.quoted(r.subject))\(hint)"))
        }
        for (field, name, text) in [(RecordField.subject, "subject", r.subject), (.note, "note", r.note), (.source, "source", r.source),
                                    (.recordedBy, "recorded_by", r.origin?.recordedBy ?? ""),
                                    (.recordedBy, "recorded_at", r.origin?.recordedAt ?? "")] {
            if let (scalar, column) = VisibleText.firstControlCharacter(in: text) {
                issues.append(.error(field, "\(name) has a control character (\(VisibleText.escaped(String(scalar))) at character "
                                     + "\(column)); remove it"))
            }
        }
        for (field, name, day) in [(RecordField.asOf, "as-of date", Optional(r.asOf)), (.forecast, "forecast", r.forecast),
                                   (.actual, "actual date", r.actual)] {
            if let day, !Self.plausibleDates.contains(day) {
                issues.append(.error(field, "the \(name) \(day.iso) is outside \(Self.plausibleDates.lowerBound.year)-"
                                     + "\(Self.plausibleDates.upperBound.year)"))
            }
        }
        func percent(_ value: Double?, _ field: RecordField, _ name: String) {
            guard let value else { return issues.append(.error(field, "\(name) is missing")) }
            if !(0...100).contains(value) || !value.isFinite {
                issues.append(.error(field, "\(name) \(Format.plain(value)) is outside 0-100"))
            }
        }
        if r.asOf > today { issues.append(.error(.asOf, "the as-of date \(r.asOf.iso) is in the future (today is \(today.iso))")) }
        if r.source.trimmedWhitespace.isEmpty { issues.append(.error(.source, "a source is required")) }
        switch r.kind {
        case .progress:
            if !buildingIDs.contains(r.subject) { unknown("building", buildingIDs) }
            percent(r.percent, .percent, "percent complete")
            if let previous = latest[r.slot], let value = r.percent, let before = previous.percent, value < before,
               previous.asOf <= r.asOf, r.supersedes == nil {
                issues.append(.warning(.percent, "progress \(Format.percent(value)) is below the latest \(Format.percent(before)) "
                                       + "(as of \(previous.asOf.iso), record \(previous.id)); if that report was wrong, correct it instead"))
            }
        case .leasing:
            if !buildingIDs.contains(r.subject) { unknown("building", buildingIDs) }
            percent(r.shareLet, .shareLet, "share let")
            if let tenants = r.tenants, tenants < 0 { issues.append(.error(.tenants, "tenants \(tenants) cannot be negative")) }
        case .milestone:
            if r.event != nil {
                if !buildingIDs.contains(r.subject) { unknown("building", buildingIDs) }
            } else if buildingIDs.contains(r.subject) {
                issues.append(.error(.event, "a milestone of building \(r.subject) names its event: "
                                     + BuildingEvent.allCases.map(\.rawValue).joined(separator: ", ")))
            } else if !milestoneIDs.contains(r.subject) {
                unknown("milestone", milestoneIDs + buildingIDs)
            }
            if r.forecast == nil && r.actual == nil { issues.append(.error(.forecast, "a forecast or an actual date is required")) }
            if let actual = r.actual, actual > today {
                issues.append(.error(.actual, "the actual date \(actual.iso) is in the future (today is \(today.iso))"))
            }
        case .spend:
            guard let allocation = programme.allocation(r.subject) else {
                unknown("allocation", allocationIDs)
                break
            }
            if r.committed == nil && r.spent == nil { issues.append(.error(.committed, "committed or spent is required")) }
            for (field, name, value) in [(RecordField.committed, "committed", r.committed), (.spent, "spent", r.spent)] {
                if let value, value < .zero { issues.append(.error(field, "\(name) \(value.formatted) cannot be negative")) }
                if let value, value > Self.largestAmount {
                    issues.append(.error(field, "\(name) \(value.formatted) is more than \(Self.largestAmount.formatted); check the amount"))
                }
            }
            // An overrun is a real event: recorded, once confirmed, with a note saying why.
            if let spent = r.spent, spent > allocation.amount, spent <= Self.largestAmount {
                let overrun = "spent \(spent.formatted) exceeds the \(allocation.amount.formatted) of '\(allocation.id)'"
                if r.note.trimmedWhitespace.isEmpty {
                    issues.append(.error(.note, "an overrun needs a note saying why: \(overrun)"))
                } else {
                    issues.append(.warning(.spent, "an overrun: \(overrun)"))
                }
            }
            if let committed = r.committed, committed > allocation.amount, committed <= Self.largestAmount {
                issues.append(.warning(.committed, "committed \(committed.formatted) exceeds the \(allocation.amount.formatted) of '\(allocation.id)'"))
            }
            if let spent = r.spent, let committed = r.committed, spent > committed {
                issues.append(.warning(.spent, "spent \(spent.formatted) exceeds committed \(committed.formatted)"))
            }
        }
        switch target {
        case nil:
            break
        case .missing(let id)?:
            issues.append(.error(.supersedes, "there is no record \(id) to supersede"))
        case let .found(old, name, correctedBy)?:
            if old.kind != r.kind || old.subject != r.subject || old.event != r.event {
                issues.append(.error(.supersedes, "\(name) is a \(old.kind.rawValue) record about \(VisibleText.quoted(old.subject)), "
                                     + "not this \(r.kind.rawValue) record about \(VisibleText.quoted(r.subject))"))
            } else if let correctedBy {
                issues.append(.error(.supersedes, "\(name) is already corrected by \(correctedBy); supersede \(correctedBy) instead"))
            }
        }
        return issues
    }
}
