import GRDB
import HetaoDomain

/// Mapping between `StatusRecord` and a row of the `record` table.
enum RecordRow {
    static let columns = "kind, subject, event, as_of, recorded_at, recorded_by, note, source, supersedes, percent, status, "
        + "forecast, actual, share_let, tenants, committed_hkd, spent_hkd"

    @discardableResult
    static func insert(_ r: StatusRecord, _ db: Database) throws -> Int64 {
        // A cached statement: a batch import prepares it once, not once a row.
        let insert = try db.cachedStatement(sql: "INSERT INTO record (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try insert.execute(arguments: [r.kind.rawValue, r.subject, r.event?.rawValue ?? "", r.asOf.iso, r.recordedAt, r.recordedBy,
                                   r.note, r.source, r.supersedes, r.percent, r.status?.rawValue, r.forecast?.iso,
                                       r.actual?.iso, r.shareLet, r.tenants, r.committed?.dollars, r.spent?.dollars])
        return db.lastInsertedRowID
    }

    static func fetch(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [StatusRecord] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap(record)
    }

    /// A row as a record; rows written by this schema always convert.
    static func record(_ row: Row) -> StatusRecord? {
        guard let kind = RecordKind(rawValue: row["kind"]), let asOf = Day(iso: row["as_of"]) else { return nil }
        let event: String = row["event"]
        return StatusRecord(
            id: row["id"], kind: kind, subject: row["subject"], event: BuildingEvent(rawValue: event), asOf: asOf,
            recordedAt: row["recorded_at"], recordedBy: row["recorded_by"], note: row["note"], source: row["source"],
            supersedes: row["supersedes"], percent: row["percent"],
            status: (row["status"] as String?).flatMap(BuildingStatus.init(rawValue:)),
            forecast: (row["forecast"] as String?).flatMap(Day.init(iso:)),
            actual: (row["actual"] as String?).flatMap(Day.init(iso:)), shareLet: row["share_let"], tenants: row["tenants"],
            committed: (row["committed_hkd"] as Int64?).map(HKD.init(dollars:)),
            spent: (row["spent_hkd"] as Int64?).map(HKD.init(dollars:)))
    }
}
