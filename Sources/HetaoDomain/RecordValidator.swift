import Foundation

/// The part of a record an issue is about, so that a form can show it next to that field.
public enum RecordField: String, CaseIterable, Hashable, Sendable {
    case subject, event, asOf, percent, status, forecast, actual, shareLet, tenants, committed, spent
    case source, note, supersedes, recordedBy
}

/// A problem with a record to be stored. Errors stop it; warnings are shown and it is kept.
public struct RecordIssue: Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var problem: RecordProblem
    /// The field it is about, so that a form can show it there.
    public var field: RecordField

    public static func error(_ field: RecordField, _ problem: RecordProblem) -> RecordIssue {
        RecordIssue(severity: .error, problem: problem, field: field)
    }

    public static func warning(_ field: RecordField, _ problem: RecordProblem) -> RecordIssue {
        RecordIssue(severity: .warning, problem: problem, field: field)
    }
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
        func unknown(_ what: RecordProblem.Subject, _ candidates: [String]) {
            issues.append(.error(.subject, .unknownSubject(what, id: r.subject,
                                                           suggestion: programme.suggestion(for: r.subject, among: candidates))))
        }
        for (field, name, text) in [(RecordField.subject, "subject", r.subject), (.note, "note", r.note), (.source, "source", r.source),
                                    (.recordedBy, "origin_recorded_by", r.origin?.recordedBy ?? ""),
                                    (.recordedBy, "origin_recorded_at", r.origin?.recordedAt ?? "")] {
            if let (scalar, column) = VisibleText.firstControlCharacter(in: text) {
                issues.append(.error(field, .controlCharacter(column: name, character: VisibleText.escaped(String(scalar)),
                                                              position: column)))
            }
        }
        for (field, name, day) in [(RecordField.asOf, RecordProblem.DateName.asOf, Optional(r.asOf)),
                                   (.forecast, .forecast, r.forecast), (.actual, .actual, r.actual)] {
            if let day, !Self.plausibleDates.contains(day) { issues.append(.error(field, .implausibleDate(name, day))) }
        }
        func percent(_ value: Double?, _ field: RecordField, _ name: RecordProblem.Share) {
            guard let value else { return issues.append(.error(field, .missingShare(name))) }
            if !(0...100).contains(value) || !value.isFinite { issues.append(.error(field, .shareOutOfRange(name, value))) }
        }
        if r.asOf > today { issues.append(.error(.asOf, .dateInFuture(.asOf, r.asOf, today: today))) }
        if r.source.trimmedWhitespace.isEmpty { issues.append(.error(.source, .sourceRequired)) }
        switch r.kind {
        case .progress:
            if !buildingIDs.contains(r.subject) { unknown(.building, buildingIDs) }
            percent(r.percent, .percent, .percentComplete)
            if let previous = latest[r.slot], let value = r.percent, let before = previous.percent, value < before,
               previous.asOf <= r.asOf, r.supersedes == nil {
                issues.append(.warning(.percent, .belowLatest(value, latest: before, asOf: previous.asOf, record: previous.id)))
            }
        case .leasing:
            if !buildingIDs.contains(r.subject) { unknown(.building, buildingIDs) }
            percent(r.shareLet, .shareLet, .shareLet)
            if let tenants = r.tenants, tenants < 0 { issues.append(.error(.tenants, .negativeTenants(tenants))) }
        case .milestone:
            if r.event != nil {
                if !buildingIDs.contains(r.subject) { unknown(.building, buildingIDs) }
            } else if buildingIDs.contains(r.subject) {
                issues.append(.error(.event, .milestoneNeedsEvent(building: r.subject)))
            } else if !milestoneIDs.contains(r.subject) {
                unknown(.milestone, milestoneIDs + buildingIDs)
            }
            if r.forecast == nil && r.actual == nil { issues.append(.error(.forecast, .forecastOrActualRequired)) }
            if let actual = r.actual, actual > today { issues.append(.error(.actual, .dateInFuture(.actual, actual, today: today))) }
        case .spend:
            guard let allocation = programme.allocation(r.subject) else {
                unknown(.allocation, allocationIDs)
                break
            }
            issues += moneyIssues(r, allocation)
        }
        switch target {
        case nil:
            break
        case .missing(let id)?:
            issues.append(.error(.supersedes, .noRecordToCorrect(id: id)))
        case let .found(old, name, correctedBy)?:
            if old.kind != r.kind || old.subject != r.subject || old.event != r.event {
                issues.append(.error(.supersedes, .correctsAnotherThing(name: name, kind: old.kind, subject: old.subject,
                                                                        ownKind: r.kind, ownSubject: r.subject)))
            } else if let correctedBy {
                issues.append(.error(.supersedes, .alreadyCorrected(name: name, by: correctedBy)))
            }
        }
        return issues
    }

    /// What a spend record's amounts must meet against its allocation.
    private func moneyIssues(_ r: StatusRecord, _ allocation: Allocation) -> [RecordIssue] {
        var issues: [RecordIssue] = []
        if r.committed == nil && r.spent == nil { issues.append(.error(.committed, .committedOrSpentRequired)) }
        for (field, name, value) in [(RecordField.committed, RecordProblem.Money.committed, r.committed), (.spent, .spent, r.spent)] {
            if let value, value < .zero { issues.append(.error(field, .negativeMoney(name, value))) }
            if let value, value > Self.largestAmount {
                issues.append(.error(field, .implausibleMoney(name, value, largest: Self.largestAmount)))
            }
        }
        // An overrun is a real event: recorded, once confirmed, with a note saying why.
        if let spent = r.spent, spent > allocation.amount, spent <= Self.largestAmount {
            if r.note.trimmedWhitespace.isEmpty {
                issues.append(.error(.note, .overrunNeedsNote(spent: spent, amount: allocation.amount, allocation: allocation.id)))
            } else {
                issues.append(.warning(.spent, .overrun(spent: spent, amount: allocation.amount, allocation: allocation.id)))
            }
        }
        if let committed = r.committed, committed > allocation.amount, committed <= Self.largestAmount {
            issues.append(.warning(.committed, .committedAboveAllocation(committed: committed, amount: allocation.amount,
                                                                         allocation: allocation.id)))
        }
        if let spent = r.spent, let committed = r.committed, spent > committed {
            issues.append(.warning(.spent, .spentAboveCommitted(spent: spent, committed: committed)))
        }
        return issues
    }
}
