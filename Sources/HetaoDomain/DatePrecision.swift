/// How precisely a published date is known. Reports say "end of 2022" or "from 2027"; the
/// dataset stores a day for arithmetic and this precision so that displays do not claim more.
/// `onOrBefore` is a bound: a source says it had happened by that day, not when.
public enum DatePrecision: String, CaseIterable, Sendable, Codable {
    case day, month, quarter, half, year, onOrBefore = "by"

    /// The day shown at this precision: `2025-12-22`, `2025-12`, `2026-Q1`, `2026-H2`, `2027`,
    /// `by 2025-09-01`. These are also the forms the dataset accepts.
    public func format(_ day: Day) -> String {
        switch self {
        case .onOrBefore: return "by " + day.iso
        case .day: return day.iso
        case .month: return String(day.iso.prefix(7))
        case .quarter: return "\(day.year)-Q\((day.month - 1) / 3 + 1)"
        case .half: return "\(day.year)-H\((day.month - 1) / 6 + 1)"
        case .year: return String(day.year)
        }
    }

    /// The last day of the period that starts at `day`: a milestone due "in 2026" is overdue
    /// only after 31 December 2026.
    public func lastDay(from day: Day) -> Day {
        let months: Int
        switch self {
        case .day, .onOrBefore: return day
        case .month: months = 1
        case .quarter: months = 3
        case .half: months = 6
        case .year: months = 12
        }
        let endMonth = day.month + months - 1
        let year = day.year + (endMonth - 1) / 12
        let month = (endMonth - 1) % 12 + 1
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
    }

    /// Parses the forms `format` writes; the day is the first of the period.
    public static func parse(_ text: String) -> (Day, DatePrecision)? {
        if let day = Day(iso: text) { return (day, .day) }
        if text.hasPrefix("by "), let day = Day(iso: String(text.dropFirst(3))) { return (day, .onOrBefore) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, first.allSatisfy(\.isASCII),
              let year = Int(first) else { return nil }
        if parts.count == 1 { return Day(year: year, month: 1, day: 1).map { ($0, .year) } }
        guard parts.count == 2, parts[1].count == 2 else { return nil }
        let tail = parts[1]
        if tail.hasPrefix("Q"), let q = Int(tail.dropFirst()), (1...4).contains(q) {
            return Day(year: year, month: (q - 1) * 3 + 1, day: 1).map { ($0, .quarter) }
        }
        if tail.hasPrefix("H"), let h = Int(tail.dropFirst()), (1...2).contains(h) {
            return Day(year: year, month: (h - 1) * 6 + 1, day: 1).map { ($0, .half) }
        }
        guard tail.allSatisfy({ $0.isASCII && $0.isNumber }), let month = Int(tail) else { return nil }
        return Day(year: year, month: month, day: 1).map { ($0, .month) }
    }
}

/// A date with the precision it was published at.
public struct DatedValue: Hashable, Sendable, Codable {
    public var day: Day
    public var precision: DatePrecision
    public var sourceID: String

    public init(day: Day, precision: DatePrecision = .day, sourceID: String) {
        self.day = day
        self.precision = precision
        self.sourceID = sourceID
    }

    public var display: String { precision.format(day) }

    /// The last day of the published period.
    public var lastDay: Day { precision.lastDay(from: day) }
}
