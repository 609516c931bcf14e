import CSV
import Foundation
import HetaoDomain

/// The CSV form of records, for `hetao import` and `hetao export --format csv`: a header row
/// and these columns (any order; `kind`, `subject`, `as_of` and `source` are required):
///
/// `id, kind, subject, event, as_of, percent, status, forecast, actual, share_let, tenants,
/// committed_hkd, spent_hkd, note, source, supersedes, recorded_at, recorded_by,
/// origin_recorded_at, origin_recorded_by`
///
/// Money is whole HK dollars, written as `hetao record` takes it (`16950000000`, `16,950m`,
/// `16.95bn`, `HK$877m`); an export writes plain dollars. `supersedes` names a record id in the store, or the `id` of an
/// earlier row of the same file. `id`, `recorded_at`, `recorded_by` and the origin come from an
/// export. On import the id is only used for `supersedes`, and the store stamps each record
/// itself: the file's own stamps are kept as the record's origin (its `origin_*` columns when
/// it has them, else its `recorded_*`). A restore keeps all of them as they are. Text (`note`,
/// `source`, the `*_by` columns) is kept exactly, spaces included; other fields are
/// trimmed. Cells a spreadsheet would run as formulas are written with a leading `'` and read
/// back without it (`CSVCell`), so an export imports again without loss.
public enum RecordCSV {
    public static let columns = ["id", "kind", "subject", "event", "as_of", "percent", "status", "forecast", "actual",
                                 "share_let", "tenants", "committed_hkd", "spent_hkd", "note", "source", "supersedes",
                                 "recorded_at", "recorded_by", "origin_recorded_at", "origin_recorded_by"]
    public static let required = ["kind", "subject", "as_of", "source"]

    /// Every rejected row of a file.
    public struct Problems: Error, Hashable, Sendable {
        public var rows: [RowProblem]
        /// Reading stopped when asked to; `rows` is then empty.
        public var cancelled = false
    }

    /// The rows that parsed, and the problems of those that did not.
    public struct Parsed: Sendable {
        public var rows: [Row]
        public var problems: [RowProblem]
        /// Kept, but worth a second look (two rows about the same thing on the same day).
        public var warnings: [RowProblem]
    }

    /// One record of the file; `supersedesRow` is the position of the earlier row it corrects.
    /// `record` carries the file's stamps as written (`recordedAt`, `recordedBy`, `origin`).
    public struct Row: Sendable {
        public var line: Int
        /// The file's `id` of the row, when it has one.
        public var id: String
        public var record: StatusRecord
        public var supersedesRow: Int?
    }

    /// One rejected row: its line (the header is line 1) and why.
    public struct RowProblem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Fields kept exactly as written; the others are trimmed of spaces.
    private static let textColumns: Set<String> = ["note", "source", "recorded_by", "origin_recorded_by"]

    /// Parses every row it can: the records, and the problems of the rows that are not
    /// records. Throws only when the file as a whole cannot be read (not UTF-8, empty, a bad
    /// header).
    /// Reading tells `progress` each row, out of the file's lines.
    public static func parseRows(_ data: Data, progress: WorkProgress = .unwatched) throws(Problems) -> Parsed {
        let text: String
        do { text = try UTF8Text.decode(data) } catch {
            throw Problems(rows: [RowProblem(line: error.line, message: "the file is not UTF-8 text (an invalid byte in column \(error.column))")])
        }
        if text.allSatisfy(\.isWhitespace) {
            throw Problems(rows: [RowProblem(line: 1, message: "the file is empty; expected a header row with "
                                             + required.joined(separator: ", ") + " and the value columns")])
        }
        // The CSV reader ends a field at a NUL byte and drops the rest of it: refuse the file.
        if let nul = text.utf8.firstIndex(of: 0) {
            let before = text.utf8[..<nul]
            let line = before.count(where: { $0 == 10 }) + 1
            throw Problems(rows: [RowProblem(line: line, message: "a NUL byte (\\u{0}) in the text; remove it")])
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw Problems(rows: [RowProblem(line: 1, message: "cannot read the CSV: \(error)")])
        }
        let header = (reader.headerRow ?? []).map { $0.trimmedWhitespace.lowercased() }
        try checkHeader(header)
        var problems: [RowProblem] = []

        var rows: [Row] = []
        var warnings: [RowProblem] = []
        var positionOfID: [String: Int] = [:]
        var lineOfID: [String: Int] = [:]
        var lineOfSlotDay: [String: Int] = [:]
        var lineOfRow: [[String]: Int] = [:]
        var line = 1
        let lines = max(1, data.count(where: { $0 == 10 }) + (data.last == 10 ? 0 : 1) - 1)
        while let fieldsRead = reader.next() {
            line += 1
            do { try progress.report(.reading, min(line - 1, lines), of: lines) } catch { throw Problems(rows: [], cancelled: true) }
            if fieldsRead.allSatisfy({ $0.trimmedWhitespace.isEmpty }) { continue }
            guard fieldsRead.count == header.count else {
                problems.append(RowProblem(line: line, message: "\(fieldsRead.count) fields where the header has \(header.count)"))
                continue
            }
            var fields: [String: String] = [:]
            for (name, value) in zip(header, fieldsRead) {
                let restored = CSVCell.restored(value)
                fields[name] = textColumns.contains(name) ? restored : restored.trimmedWhitespace
            }
            let id = fields["id"] ?? ""
            if !id.isEmpty, let first = lineOfID[id] {
                problems.append(RowProblem(line: line, message: "id \(VisibleText.quoted(id)) is also on line \(first)"))
                continue
            }
            if id.isEmpty, let first = lineOfRow[fieldsRead] {
                problems.append(RowProblem(line: line, message: "repeats line \(first) exactly; remove one of them"))
                continue
            }
            do {
                let row = try row(fields, line: line, positionOfID: positionOfID)
                let key = "\(row.record.slot)|\(row.record.asOf.iso)"
                if id.isEmpty, row.record.supersedes == nil, row.supersedesRow == nil, let first = lineOfSlotDay[key] {
                    warnings.append(RowProblem(line: line, message: "also about \(VisibleText.quoted(row.record.subject)) on "
                                               + "\(row.record.asOf.iso), as line \(first) is; this row, recorded later, is the latest"))
                }
                lineOfSlotDay[key] = line
                lineOfRow[fieldsRead] = line
                if !id.isEmpty {
                    positionOfID[id] = rows.count
                    lineOfID[id] = line
                }
                rows.append(row)
            } catch {
                problems.append(RowProblem(line: line, message: error.message))
            }
        }
        if rows.isEmpty && problems.isEmpty { problems.append(RowProblem(line: 2, message: "no records after the header")) }
        return Parsed(rows: rows, problems: problems, warnings: warnings)
    }

    /// Every column known, every required one there.
    private static func checkHeader(_ header: [String]) throws(Problems) {
        var problems: [RowProblem] = []
        for name in header where !columns.contains(name) {
            let hint = Suggestion.closest(to: name, in: columns).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append(RowProblem(line: 1, message: "unknown column \(VisibleText.quoted(name))\(hint)"))
        }
        for name in required where !header.contains(name) {
            problems.append(RowProblem(line: 1, message: "missing column '\(name)'"))
        }
        if !problems.isEmpty { throw Problems(rows: problems) }
    }

    private static func row(_ f: [String: String], line: Int, positionOfID: [String: Int]) throws(ParseFailure) -> Row {
        func value(_ name: String) -> String? { f[name].flatMap { $0.isEmpty ? nil : $0 } }
        func shown(_ name: String) -> String { VisibleText.quoted(f[name] ?? "") }
        guard let kindText = value("kind"), let kind = RecordKind(rawValue: kindText) else {
            throw ParseFailure("kind \(shown("kind")) is not one of \(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let subject = value("subject") else { throw ParseFailure("subject is empty") }
        guard let asOfText = value("as_of"), let asOf = Day(iso: asOfText) else {
            throw ParseFailure("as_of \(shown("as_of")) " + (Day.isShapedAsDate(f["as_of"] ?? "") ? "is no such day"
                                                              : "is not a date (YYYY-MM-DD)"))
        }
        var record = StatusRecord(kind: kind, subject: subject, asOf: asOf, recordedAt: value("recorded_at") ?? "",
                                  recordedBy: value("recorded_by") ?? "", note: f["note"] ?? "",
                                  source: f["source"] ?? "")
        if let at = value("origin_recorded_at") {
            record.origin = RecordOrigin(recordedAt: at, recordedBy: value("origin_recorded_by") ?? "")
        }
        func number(_ name: String) throws(ParseFailure) -> Double? {
            guard let text = value(name) else { return nil }
            guard let number = DecimalText.number(text) else { throw ParseFailure("\(name) \(shown(name)) is not a number") }
            return number
        }
        func whole(_ name: String) throws(ParseFailure) -> Int64? {
            guard let text = value(name) else { return nil }
            guard let number = Int64(text) else { throw ParseFailure("\(name) \(shown(name)) is not a whole number") }
            return number
        }
        func day(_ name: String) throws(ParseFailure) -> Day? {
            guard let text = value(name) else { return nil }
            guard let day = Day(iso: text) else {
                throw ParseFailure("\(name) \(shown(name)) " + (Day.isShapedAsDate(text) ? "is no such day" : "is not a date (YYYY-MM-DD)"))
            }
            return day
        }
        if let event = value("event") {
            guard let parsed = BuildingEvent(rawValue: event) else {
                throw ParseFailure("event \(shown("event")) is not one of \(BuildingEvent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            record.event = parsed
        }
        if let status = value("status") {
            guard let parsed = BuildingStatus(rawValue: status) else {
                throw ParseFailure("status \(shown("status")) is not one of \(BuildingStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            record.status = parsed
        }
        record.percent = try number("percent")
        record.shareLet = try number("share_let")
        record.tenants = try whole("tenants").map { Int(clamping: $0) }
        // Money as `hetao record` takes it: 16950000000, 16,950m, 16.95bn, HK$877m.
        func money(_ name: String) throws(ParseFailure) -> HKD? {
            guard let text = value(name) else { return nil }
            do { return try HKD.parse(text) } catch { throw ParseFailure(error.message(name, text)) }
        }
        record.committed = try money("committed_hkd")
        record.spent = try money("spent_hkd")
        record.forecast = try day("forecast")
        record.actual = try day("actual")
        var supersedesRow: Int?
        if let target = value("supersedes") {
            if let position = positionOfID[target] {
                supersedesRow = position
            } else if let id = Int64(target), id > 0 {
                record.supersedes = id
            } else {
                throw ParseFailure("supersedes \(shown("supersedes")) is neither a record id nor the id of an earlier row")
            }
        }
        return Row(line: line, id: value("id") ?? "", record: record, supersedesRow: supersedesRow)
    }

    private struct ParseFailure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Records as CSV with every column, so that an export imports again without loss; each
    /// row ends with a newline, the last one too.
    /// The records as CSV; writing tells `progress`, which may stop it.
    public static func write(_ records: [StatusRecord], progress: WorkProgress = .unwatched) throws(WorkCancelled) -> String {
        var out = columns.joined(separator: ",") + "\n"
        out.reserveCapacity(records.count * 128)
        for (done, r) in records.enumerated() {
            try progress.report(.writing, done + 1, of: records.count)
            let values: [String] = [
                String(r.id), r.kind.rawValue, r.subject, r.event?.rawValue ?? "", r.asOf.iso,
                r.percent.map(Format.plain) ?? "", r.status?.rawValue ?? "", r.forecast?.iso ?? "", r.actual?.iso ?? "",
                r.shareLet.map(Format.plain) ?? "", r.tenants.map(String.init) ?? "",
                r.committed.map { String($0.dollars) } ?? "", r.spent.map { String($0.dollars) } ?? "", r.note, r.source,
                r.supersedes.map(String.init) ?? "", r.recordedAt, r.recordedBy, r.origin?.recordedAt ?? "",
                r.origin?.recordedBy ?? "",
            ]
            for (i, value) in values.enumerated() {
                if i > 0 { out += "," }
                out += CSVCell.field(CSVCell.neutralised(value))
            }
            out += "\n"
        }
        return out
    }
}
