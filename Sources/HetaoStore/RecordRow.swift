import GRDB
import HetaoDomain

/// Mapping between `StatusRecord` and a row of the `record` table. Reading checks every column,
/// since another tool may have written the row: a value that is not what the schema means
/// (a percentage `'abc'`, an as-of date `2026-13-45`) makes the row a `DamagedRecord` that names
/// the column, never a crash.
enum RecordRow {
    private static let valueColumns = "kind, subject, event, as_of, note, source, supersedes, percent, status, forecast, "
        + "actual, share_let, tenants, committed_hkd, spent_hkd, origin_recorded_at, origin_recorded_by"

    /// The value columns' types on PostgreSQL, for the table a COPY fills.
    private static let valueTypes = ["text", "text", "text", "text", "text", "text", "bigint", "double precision", "text", "text",
                                     "text", "double precision", "bigint", "bigint", "bigint", "text", "text"]

    private static func values(_ r: StatusRecord) -> [DatabaseValue] {
        let values: [(any DatabaseValueConvertible)?] = [
            r.kind.rawValue, r.subject, r.event?.rawValue ?? "", r.asOf.iso, r.note, r.source, r.supersedes, r.percent,
            r.status?.rawValue, r.forecast?.iso, r.actual?.iso, r.shareLet, r.tenants, r.committed?.dollars, r.spent?.dollars,
            r.origin?.recordedAt, r.origin?.recordedBy]
        return values.map { $0?.databaseValue ?? .null }
    }

    /// Inserts `r` stamped by the store: its time is the store's clock and its writer the
    /// connection's; whatever stamps `r` carries are ignored. Returns the record as stored.
    static func insert(_ r: StatusRecord, _ sql: any StoreSQL) throws -> StatusRecord {
        try insert([r], sql)[0]
    }

    /// Inserts `records` in one statement, in order, each stamped by the store; returns them as
    /// stored. On SQLite one at a time, through a cached statement; on PostgreSQL many rows a
    /// statement, which saves a round trip to the server for each.
    static func insert(_ records: [StatusRecord], _ sql: any StoreSQL) throws -> [StatusRecord] {
        guard !records.isEmpty else { return [] }
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(sql.dialect.stamps))"
        let rows = try (sql as? PostgresSQL).flatMap { records.count > 1 ? $0 : nil }?
            .copyInsert(into: "record", columns: valueColumns, types: valueTypes, rows: records.map(values),
                        extra: "recorded_at, recorded_by", extraValues: sql.dialect.stamps, returning: "id, recorded_at, recorded_by")
            ?? sql.rows("""
                INSERT INTO record (\(valueColumns), recorded_at, recorded_by)
                VALUES \(Array(repeating: row, count: records.count).joined(separator: ", "))
                RETURNING id, recorded_at, recorded_by
                """, records.flatMap(values))
        guard rows.count == records.count else { throw DatabaseError(message: "\(rows.count) of \(records.count) rows inserted") }
        return try zip(records, rows).map { record, row in
            guard let id = Int64.fromDatabaseValue(row[0]), let at = String.fromDatabaseValue(row[1]),
                  let by = String.fromDatabaseValue(row[2]) else { throw DatabaseError(message: "no row inserted") }
            var stored = record
            stored.id = id
            stored.recordedAt = at
            stored.recordedBy = by
            return stored
        }
    }

    /// Inserts `r` exactly as it was exported, its id and stamps included: only a restore into a
    /// new store does this, with the stamping rule set aside for its one transaction.
    static func restore(_ r: StatusRecord, _ sql: any StoreSQL) throws {
        try sql.execute("""
            INSERT INTO record (\(valueColumns), id, recorded_at, recorded_by) \(sql.dialect.givenIDs)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values(r) + [r.id.databaseValue, r.recordedAt.databaseValue, r.recordedBy.databaseValue])
    }

    /// The records a statement selects, and those it could not read; `read` is told each count.
    static func fetch(_ sql: any StoreSQL, _ query: String, _ arguments: [DatabaseValue] = [],
                      read: (Int) throws(WorkCancelled) -> Void = { _ in }) throws
        -> (records: [StatusRecord], damaged: [DamagedRecord]) {
        var records: [StatusRecord] = []
        var damaged: [DamagedRecord] = []
        try sql.each(query, arguments) { row in
            do throws(DamagedRecord) { records.append(try record(row)) } catch { damaged.append(error) }
            try read(records.count + damaged.count)
        }
        return (records, damaged)
    }

    static func record(_ row: StoreRow) throws(DamagedRecord) -> StatusRecord {
        let id: Int64 = row["id"].storage.integer ?? 0
        let reader = ColumnReader(row: row, id: id)
        let kind = try reader.text("kind", as: RecordKind.init(rawValue:))
        let event = try reader.text("event").isEmpty ? nil : try reader.text("event", as: BuildingEvent.init(rawValue:))
        return StatusRecord(
            id: id, kind: kind, subject: try reader.text("subject"), event: event,
            asOf: try reader.text("as_of", as: Day.init(iso:)),
            recordedAt: try reader.text("recorded_at"), recordedBy: try reader.text("recorded_by"),
            origin: try reader.origin(), note: try reader.text("note"),
            source: try reader.text("source"), supersedes: try reader.optionalInteger("supersedes"),
            percent: try reader.optionalNumber("percent"),
            status: try reader.optionalText("status", as: BuildingStatus.init(rawValue:)),
            forecast: try reader.optionalText("forecast", as: Day.init(iso:)),
            actual: try reader.optionalText("actual", as: Day.init(iso:)),
            shareLet: try reader.optionalNumber("share_let"), tenants: try reader.optionalInteger("tenants").map { Int($0) },
            committed: try reader.optionalInteger("committed_hkd").map(HKD.init(dollars:)),
            spent: try reader.optionalInteger("spent_hkd").map(HKD.init(dollars:)))
    }

    /// Reads one column at a time, saying which column of which record is wrong.
    private struct ColumnReader {
        let row: StoreRow
        let id: Int64

        /// The column's value; a column the statement lacks reads as empty.
        func value(_ column: String) -> DatabaseValue { row[column] }

        func fail(_ column: String, _ value: DatabaseValue, _ expected: String) -> DamagedRecord {
            let shown: String
            switch value.storage {
            case .null: shown = "empty"
            case .int64(let i): shown = String(i)
            case .double(let d): shown = String(d)
            case .string(let s): shown = VisibleText.quoted(String(s.prefix(40)))
            case .blob(let b): shown = "\(b.count) bytes of binary data"
            }
            return DamagedRecord(id: id, problem: "\(column) \(shown) is not \(expected)")
        }

        func text(_ column: String) throws(DamagedRecord) -> String {
            let value = self.value(column)
            guard case .string(let text) = value.storage else { throw fail(column, value, "text") }
            return text
        }

        func text<T>(_ column: String, as convert: (String) -> T?) throws(DamagedRecord) -> T {
            let value = self.value(column)
            guard case .string(let text) = value.storage, let converted = convert(text) else {
                throw fail(column, value, Self.expectation(column))
            }
            return converted
        }

        func optionalText<T>(_ column: String, as convert: (String) -> T?) throws(DamagedRecord) -> T? {
            let value = self.value(column)
            if value.isNull { return nil }
            return try text(column, as: convert)
        }

        /// The stamps an imported record carried, when it carried them.
        func origin() throws(DamagedRecord) -> RecordOrigin? {
            guard let at = try optionalText("origin_recorded_at", as: { $0 }) else { return nil }
            return RecordOrigin(recordedAt: at, recordedBy: try optionalText("origin_recorded_by", as: { $0 }) ?? "")
        }

        func optionalNumber(_ column: String) throws(DamagedRecord) -> Double? {
            let value = self.value(column)
            switch value.storage {
            case .null: return nil
            case .int64(let i): return Double(i)
            case .double(let d) where d.isFinite: return d
            default: throw fail(column, value, "a number")
            }
        }

        func optionalInteger(_ column: String) throws(DamagedRecord) -> Int64? {
            let value = self.value(column)
            switch value.storage {
            case .null: return nil
            case .int64(let i): return i
            default: throw fail(column, value, "a whole number")
            }
        }

        static func expectation(_ column: String) -> String {
            switch column {
            case "kind": return "one of " + RecordKind.allCases.map(\.rawValue).joined(separator: ", ")
            case "event": return "one of " + BuildingEvent.allCases.map(\.rawValue).joined(separator: ", ")
            case "status": return "one of " + BuildingStatus.allCases.map(\.rawValue).joined(separator: ", ")
            default: return "a date (YYYY-MM-DD)"
            }
        }
    }
}

extension DatabaseValue.Storage {
    var integer: Int64? {
        if case .int64(let value) = self { return value }
        return nil
    }
}

/// A row of the `record` table that does not read as a record (written by another tool, or
/// damaged): which record, and what is wrong with it.
public struct DamagedRecord: Error, Hashable, Sendable, CustomStringConvertible {
    public var id: Int64
    public var problem: String
    /// The record shown in its place, for a latest figure: the newest readable one before it.
    public var replacedBy: Int64?

    public var description: String {
        "record #\(id) cannot be read: \(problem)"
            + (replacedBy.map { "; showing #\($0), the record before it" } ?? "; it is left out")
    }
}
