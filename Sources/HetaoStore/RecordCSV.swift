import CSV
import Foundation
import HetaoDomain

/// The CSV form of records, for `hetao import` and `hetao export --format csv`: a header row
/// and these columns (any order; `kind`, `subject`, `as_of` and `source` are required):
///
/// `id, kind, subject, event, as_of, percent, status, forecast, actual, share_let, tenants,
/// committed_hkd, spent_hkd, note, source, supersedes, recorded_at, recorded_by`
///
/// Money is whole HK dollars. `supersedes` names a record id in the store, or the `id` of an
/// earlier row of the same file. `id`, `recorded_at` and `recorded_by` come from an export; on
/// import the first is only used for `supersedes`, the others are kept as written.
public enum RecordCSV {
    public static let columns = ["id", "kind", "subject", "event", "as_of", "percent", "status", "forecast", "actual",
                                 "share_let", "tenants", "committed_hkd", "spent_hkd", "note", "source", "supersedes",
                                 "recorded_at", "recorded_by"]
    public static let required = ["kind", "subject", "as_of", "source"]

    /// Every rejected row of a file.
    public struct Problems: Error, Hashable, Sendable {
        public var rows: [RowProblem]
    }

    /// The rows that parsed, and the problems of those that did not.
    public struct Parsed: Sendable {
        public var records: [(line: Int, record: StatusRecord)]
        public var problems: [RowProblem]
    }

    /// One rejected row: its line (the header is line 1) and why.
    public struct RowProblem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses every row it can: the records, and the problems of the rows that are not
    /// records. `supersedes` that point to rows of the same file come back as negative positions
    /// (-1 for the first record), which `StatusStore.append` resolves. Throws only when the file
    /// as a whole cannot be read (not UTF-8, empty, a bad header).
    public static func parseRows(_ data: Data) throws(Problems) -> Parsed {
        let text: String
        do { text = try UTF8Text.decode(data) } catch {
            throw Problems(rows: [RowProblem(line: error.line, message: "the file is not UTF-8 text (an invalid byte in column \(error.column))")])
        }
        if text.allSatisfy(\.isWhitespace) {
            throw Problems(rows: [RowProblem(line: 1, message: "the file is empty; expected a header row with "
                                             + required.joined(separator: ", ") + " and the value columns")])
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw Problems(rows: [RowProblem(line: 1, message: "cannot read the CSV: \(error)")])
        }
        let header = (reader.headerRow ?? []).map { $0.trimmedWhitespace.lowercased() }
        var problems: [RowProblem] = []
        for name in header where !columns.contains(name) {
            let hint = Suggestion.closest(to: name, in: columns).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append(RowProblem(line: 1, message: "unknown column '\(name)'\(hint)"))
        }
        for name in required where !header.contains(name) {
            problems.append(RowProblem(line: 1, message: "missing column '\(name)'"))
        }
        if !problems.isEmpty { throw Problems(rows: problems) }

        var records: [(line: Int, record: StatusRecord)] = []
        var positionOfID: [String: Int] = [:]
        var firstLineOf: [String: Int] = [:]
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.trimmedWhitespace.isEmpty }) { continue }
            guard row.count == header.count else {
                problems.append(RowProblem(line: line, message: "\(row.count) fields where the header has \(header.count)"))
                continue
            }
            var fields: [String: String] = [:]
            for (name, value) in zip(header, row) { fields[name] = value.trimmedWhitespace }
            do {
                let record = try record(fields, positionOfID: positionOfID)
                let key = "\(record.slot)|\(record.asOf.iso)|\(record.supersedes.map(String.init) ?? "")"
                if let first = firstLineOf[key] {
                    problems.append(RowProblem(line: line, message: "duplicates line \(first) (same kind, subject, event and as-of date)"))
                    continue
                }
                firstLineOf[key] = line
                if let id = fields["id"], !id.isEmpty { positionOfID[id] = records.count + 1 }
                records.append((line, record))
            } catch {
                problems.append(RowProblem(line: line, message: error.message))
            }
        }
        if records.isEmpty && problems.isEmpty { problems.append(RowProblem(line: 2, message: "no records after the header")) }
        return Parsed(records: records, problems: problems)
    }

    private static func record(_ f: [String: String], positionOfID: [String: Int]) throws(ParseFailure) -> StatusRecord {
        func value(_ name: String) -> String? { f[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let kindText = value("kind"), let kind = RecordKind(rawValue: kindText) else {
            throw ParseFailure("kind '\(f["kind"] ?? "")' is not one of \(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let subject = value("subject") else { throw ParseFailure("subject is empty") }
        guard let asOfText = value("as_of"), let asOf = Day(iso: asOfText) else {
            throw ParseFailure("as_of '\(f["as_of"] ?? "")' is not a date (YYYY-MM-DD)")
        }
        var record = StatusRecord(kind: kind, subject: subject, asOf: asOf, recordedAt: value("recorded_at") ?? "",
                                  recordedBy: value("recorded_by") ?? "", note: value("note") ?? "",
                                  source: value("source") ?? "")
        func number(_ name: String) throws(ParseFailure) -> Double? {
            guard let text = value(name) else { return nil }
            guard let number = Double(text), number.isFinite else { throw ParseFailure("\(name) '\(text)' is not a number") }
            return number
        }
        func whole(_ name: String) throws(ParseFailure) -> Int64? {
            guard let text = value(name) else { return nil }
            guard let number = Int64(text) else { throw ParseFailure("\(name) '\(text)' is not a whole number") }
            return number
        }
        func day(_ name: String) throws(ParseFailure) -> Day? {
            guard let text = value(name) else { return nil }
            guard let day = Day(iso: text) else { throw ParseFailure("\(name) '\(text)' is not a date (YYYY-MM-DD)") }
            return day
        }
        if let event = value("event") {
            guard let parsed = BuildingEvent(rawValue: event) else {
                throw ParseFailure("event '\(event)' is not one of \(BuildingEvent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            record.event = parsed
        }
        if let status = value("status") {
            guard let parsed = BuildingStatus(rawValue: status) else {
                throw ParseFailure("status '\(status)' is not one of \(BuildingStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            record.status = parsed
        }
        record.percent = try number("percent")
        record.shareLet = try number("share_let")
        record.tenants = try whole("tenants").map { Int($0) }
        record.committed = try whole("committed_hkd").map(HKD.init(dollars:))
        record.spent = try whole("spent_hkd").map(HKD.init(dollars:))
        record.forecast = try day("forecast")
        record.actual = try day("actual")
        if let target = value("supersedes") {
            if let position = positionOfID[target] {
                record.supersedes = -Int64(position)
            } else if let id = Int64(target), id > 0 {
                record.supersedes = id
            } else {
                throw ParseFailure("supersedes '\(target)' is neither a record id nor the id of an earlier row")
            }
        }
        return record
    }

    private struct ParseFailure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Records as CSV with every column, so that an export imports again without loss.
    public static func write(_ records: [StatusRecord]) -> String {
        let stream = OutputStream(toMemory: ())
        guard let writer = try? CSVWriter(stream: stream) else { return "" }
        try? writer.write(row: columns)
        for r in records {
            let values: [String] = [
                String(r.id), r.kind.rawValue, r.subject, r.event?.rawValue ?? "", r.asOf.iso,
                r.percent.map(Format.plain) ?? "", r.status?.rawValue ?? "", r.forecast?.iso ?? "", r.actual?.iso ?? "",
                r.shareLet.map(Format.plain) ?? "", r.tenants.map(String.init) ?? "",
                r.committed.map { String($0.dollars) } ?? "", r.spent.map { String($0.dollars) } ?? "", r.note, r.source,
                r.supersedes.map(String.init) ?? "", r.recordedAt, r.recordedBy,
            ]
            try? writer.write(row: values)
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
