import Foundation
import HetaoDomain

/// A problem with a record to be stored. Errors stop it; warnings are printed and it is kept.
public struct RecordIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var message: String

    public static func error(_ message: String) -> RecordIssue { RecordIssue(severity: .error, message: message) }
    public static func warning(_ message: String) -> RecordIssue { RecordIssue(severity: .warning, message: message) }

    public var description: String { "\(severity.rawValue): \(message)" }
}

/// The rules a record must meet before it is stored.
///
/// Errors: an unknown building, allocation or milestone (with the closest id suggested); a
/// percentage outside 0–100; an as-of or actual date after today; negative money; spending
/// above the allocation; a correction of a record that does not exist or is about something
/// else. Warnings (recorded all the same): progress below the latest report, commitments
/// above the allocation (a supplementary approval may be pending), spending above commitments.
public struct RecordValidator {
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

    /// `existing` looks up a record a correction names (nil when it does not exist).
    public func check(_ r: StatusRecord, existing: (Int64) -> StatusRecord? = { _ in nil }) -> [RecordIssue] {
        var issues: [RecordIssue] = []
        func unknown(_ what: String, _ candidates: [String]) {
            let hint = Suggestion.closest(to: r.subject, in: candidates).map { "; did you mean \($0)?" } ?? ""
            issues.append(.error("no \(what) '\(r.subject)'\(hint)"))
        }
        func percent(_ value: Double?, _ name: String) {
            guard let value else { return issues.append(.error("\(name) is missing")) }
            if !(0...100).contains(value) || !value.isFinite {
                issues.append(.error("\(name) \(Format.plain(value)) is outside 0-100"))
            }
        }
        if r.asOf > today { issues.append(.error("the as-of date \(r.asOf.iso) is in the future (today is \(today.iso))")) }
        if r.source.trimmedWhitespace.isEmpty { issues.append(.error("a source is required")) }
        switch r.kind {
        case .progress:
            if !buildingIDs.contains(r.subject) { unknown("building", buildingIDs) }
            percent(r.percent, "percent complete")
            if let previous = latest[r.slot], let value = r.percent, let before = previous.percent, value < before,
               previous.asOf <= r.asOf, r.supersedes == nil {
                issues.append(.warning("progress \(Format.percent(value)) is below the latest \(Format.percent(before)) "
                                       + "(as of \(previous.asOf.iso)); record it with --supersedes to correct that report"))
            }
        case .leasing:
            if !buildingIDs.contains(r.subject) { unknown("building", buildingIDs) }
            percent(r.shareLet, "share let")
            if let tenants = r.tenants, tenants < 0 { issues.append(.error("tenants \(tenants) cannot be negative")) }
        case .milestone:
            if r.event != nil {
                if !buildingIDs.contains(r.subject) { unknown("building", buildingIDs) }
            } else if !milestoneIDs.contains(r.subject) {
                unknown(buildingIDs.contains(r.subject) ? "event given for building" : "milestone", milestoneIDs + buildingIDs)
            }
            if r.forecast == nil && r.actual == nil { issues.append(.error("a forecast or an actual date is required")) }
            if let actual = r.actual, actual > today {
                issues.append(.error("the actual date \(actual.iso) is in the future (today is \(today.iso))"))
            }
        case .spend:
            guard let allocation = programme.allocation(r.subject) else {
                unknown("allocation", allocationIDs)
                break
            }
            if r.committed == nil && r.spent == nil { issues.append(.error("committed or spent is required")) }
            for (name, value) in [("committed", r.committed), ("spent", r.spent)] {
                if let value, value < .zero { issues.append(.error("\(name) \(value.formatted) cannot be negative")) }
            }
            if let spent = r.spent, spent > allocation.amount {
                issues.append(.error("spent \(spent.formatted) exceeds the \(allocation.amount.formatted) of '\(allocation.id)'"))
            }
            if let committed = r.committed, committed > allocation.amount {
                issues.append(.warning("committed \(committed.formatted) exceeds the \(allocation.amount.formatted) of '\(allocation.id)'"))
            }
            if let spent = r.spent, let committed = r.committed, spent > committed {
                issues.append(.warning("spent \(spent.formatted) exceeds committed \(committed.formatted)"))
            }
        }
        if let target = r.supersedes, target > 0 {
            if let old = existing(target) {
                if old.kind != r.kind || old.subject != r.subject || old.event != r.event {
                    issues.append(.error("record \(target) is a \(old.kind.rawValue) record about '\(old.subject)', "
                                         + "not this \(r.kind.rawValue) record about '\(r.subject)'"))
                }
            } else {
                issues.append(.error("there is no record \(target) to supersede"))
            }
        }
        return issues
    }
}
