import Foundation
import GRDB
import GRDBSQLite
import HetaoDomain

/// The status history: an append-only table of records, shared by many viewers and a few
/// writers, created and seeded from the dataset on first use. It is an SQLite file, or a
/// PostgreSQL database when `path` is a PostgreSQL URL or conninfo (`StoreLocation`); the
/// rules are the same on both, and written once.
public final class StatusStore: @unchecked Sendable {
    let backend: any StoreBackend
    /// Where the store is, as messages name it: a file's path, or a PostgreSQL database without
    /// its password.
    public var path: String { backend.path }
    /// Where the store is, as it was given: what another process is told to open.
    public let location: String
    public var isReadOnly: Bool { backend.isReadOnly }
    /// True when this process created the store (so a failed first import can remove it), or
    /// found it empty and made it a store (so a failed one leaves it empty again).
    public var wasCreated: Bool { backend.wasCreated }
    public var wasEmpty: Bool { backend.wasEmpty }
    /// What opening the store did or had to fall back on, for the user to be told.
    public var notices: [String] { backend.notices }
    /// Records met so far that could not be read, by id.
    public private(set) var unreadable: [Int64: DamagedRecord] = [:]
    /// Who writes through this store: every record it appends is stamped with this name, as
    /// `recorded_by`, whatever the record says.
    public var writer: String { backend.writer }
    /// True for a store in a file (SQLite), which is watched through its folder.
    public var isFile: Bool { backend.dialect == .sqlite }
    var derivesLatest: Bool {
        get { backend.derivesLatest }
        set { backend.derivesLatest = newValue }
    }

    /// How long a writer waits for another to finish before giving up.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens the store at `path` (a file, or a PostgreSQL database). A new store is created and
    /// seeded from `programme` when one is given (an import into a new store starts it with
    /// exactly the file's records). A store this user cannot write, or any store when `readOnly`
    /// is set, opens read-only. Seeding tells `progress`; stopped there, it leaves the store as
    /// it found it.
    public init(path: String, seedFrom programme: Programme?, readOnly: Bool = false, writer: String = StatusStore.currentUser,
                busyTimeout: TimeInterval = StatusStore.defaultBusyTimeout,
                progress: WorkProgress = .unwatched) throws(StoreError) {
        location = path
        let seed = programme.map { programme in { (sql: any StoreSQL) throws in try Self.seed(sql, from: programme, progress: progress) } }
        if let conninfo = StoreLocation.postgres(path) {
            backend = try PostgresBackend(conninfo: conninfo, readOnly: readOnly, writer: Signer(writer).name.withLock { $0 },
                                          busyTimeout: busyTimeout, seed: seed)
        } else {
            backend = try SQLiteBackend(path: path, readOnly: readOnly, signer: Signer(writer), busyTimeout: busyTimeout, seed: seed)
        }
    }

    /// A store in memory, for checking records without touching any file (`import --dry-run`
    /// of a store that does not exist yet).
    public init(inMemory: Void, writer: String = StatusStore.currentUser) throws(StoreError) {
        location = ":memory:"
        backend = try SQLiteBackend(inMemory: Signer(writer))
    }

    /// Who the dataset's own first records are recorded by.
    static let seedRecorder = "dataset"

    /// The dataset's own figures become the first records, so every history starts there, each
    /// as of its source's publication; then the S-curve's daily sums are made from them.
    private static func seed(_ sql: any StoreSQL, from programme: Programme, progress: WorkProgress) throws {
        var records: [StatusRecord] = []
        for b in programme.buildings {
            records.append(StatusRecord(kind: .progress, subject: b.id, asOf: programme.day(citing: b.percentComplete.sourceID),
                                        source: b.percentComplete.sourceID,
                                        percent: b.percentComplete.value))
            if let leased = b.shareLeased {
                records.append(StatusRecord(kind: .leasing, subject: b.id, asOf: programme.day(citing: leased.sourceID), source: leased.sourceID,
                                            shareLet: leased.value))
            }
        }
        for a in programme.allAllocations.map(\.allocation) {
            guard let source = (a.spent?.sourceID ?? a.committed?.sourceID) else { continue }
            records.append(StatusRecord(kind: .spend, subject: a.id, asOf: programme.day(citing: source), source: source,
                                        committed: a.committed?.value, spent: a.spent?.value))
        }
        for (done, record) in records.enumerated() {
            var seeded = record
            seeded.note = "from the dataset: \(programme.title)"
            _ = try RecordRow.insert(seeded, sql)
            try progress.report(.seeding, done + 1, of: records.count)
        }
        try sql.execute("""
            INSERT INTO meta (key, value) VALUES ('seeded_from', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, [programme.title.databaseValue])
        try ProgressByDay.rebuild(sql, weights: CurveWeights(programme: programme))
    }

    /// What a database error means for the user, said with where the store is.
    func translate(_ error: any Error) -> StoreError { backend.translate(error) }

    // MARK: - Reading

    /// Now by the clock the store stamps records with: where changes since a moment are read
    /// from, whatever this host's clock says.
    public func now() throws(StoreError) -> String {
        do { return try backend.now() } catch { throw translate(error) }
    }

    /// Changes whenever another process commits; cheap enough to poll every second.
    public func dataVersion() throws(StoreError) -> Int64 {
        do { return try backend.dataVersion() } catch { throw translate(error) }
    }

    /// The latest record of each kind, subject and event: the newest as-of among those no
    /// record supersedes. A latest record that cannot be read is reported in `unreadable` and
    /// the newest readable one before it shown instead.
    public func latest() throws(StoreError) -> [StatusRecord] {
        let query = derivesLatest ? "SELECT * FROM record WHERE id IN (\(StoreSchema.latestIDs))"
            : "SELECT record.* FROM latest JOIN record ON record.id = latest.record_id"
        do {
            let (records, damaged) = try backend.read { sql in
                var (records, damaged) = try RecordRow.fetch(sql, query)
                for i in damaged.indices {
                    guard let row = try sql.rows("SELECT kind, subject, event FROM record WHERE id = ?",
                                                 [damaged[i].id.databaseValue]).first else { continue }
                    let earlier = try RecordRow.fetch(sql, """
                        SELECT * FROM record AS r WHERE kind = ? AND subject = ? AND event = ? AND id != ?
                        AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id) ORDER BY as_of DESC, id DESC
                        """, [row[0], row[1], row[2], damaged[i].id.databaseValue]).records
                    if let replacement = earlier.first {
                        records.append(replacement)
                        damaged[i].replacedBy = replacement.id
                    }
                }
                return (records, damaged)
            }
            note(damaged)
            return records
        } catch { throw translate(error) }
    }

    /// Every record about `subject`, oldest first, corrections and superseded ones included.
    public func history(of subject: String) throws(StoreError) -> [StatusRecord] {
        try fetch("SELECT * FROM record WHERE subject = ? ORDER BY as_of, id", [subject.databaseValue])
    }

    /// The records about `subject` known at the end of `day` (nil: all), oldest first.
    public func history(of subject: String, asKnownOn day: Day?) throws(StoreError) -> [StatusRecord] {
        guard let day else { return try history(of: subject) }
        return try fetch("SELECT * FROM record WHERE subject = ? AND recorded_at < ? ORDER BY as_of, id",
                         [subject.databaseValue, LocalDay.start(of: day.adding(days: 1)).databaseValue])
    }

    /// The reported percentages of `subjects` (nil: every building) that stand as known at the
    /// end of `day` (nil: now), oldest first: a correction replaces what it corrects once it
    /// was made. Three columns a record, so a curve over a million records stays small.
    public func progressPoints(of subjects: [String]?, asKnownOn day: Day?) throws(StoreError) -> [ProgressPoint] {
        do {
            return try backend.readAside { try Self.progressPoints($0, of: subjects, asKnownOn: day) }
        } catch {
            throw translate(error)
        }
    }

    /// What a group's curve reads: for now, the daily sums when they were made with the
    /// request's weights and cover every record; else (the past, other weights, a store another
    /// tool wrote to since) the reports themselves.
    public func progress(_ request: ProgressRequest) throws(StoreError) -> ReportedProgress {
        do {
            return try backend.readAside { sql in
                if request.knownOn == nil, let daily = try ProgressByDay.read(sql, batches: request.batches, weights: request.weights) {
                    return .daily(daily)
                }
                return .reports(try Self.progressPoints(sql, of: request.subjects, asKnownOn: request.knownOn))
            }
        } catch {
            throw translate(error)
        }
    }

    /// The points of the reports, oldest first: on SQLite read straight from its columns; on
    /// PostgreSQL in the order the server sorts them.
    static func progressPoints(_ sql: any StoreSQL, of subjects: [String]?, asKnownOn day: Day?) throws -> [ProgressPoint] {
        guard let db = (sql as? SQLiteSQL)?.db else { return try sortedProgressPoints(sql, of: subjects, asKnownOn: day) }
        // Now, every record is known: no condition on when, so the table is read in order rather
        // than through the recording-time index. The rows are put in order here, by day: cheaper
        // than SQLite's temporary B-tree of whole rows.
        let known = day.map { LocalDay.start(of: $0.adding(days: 1)) }
        let subjectList = subjects.flatMap(ProgressByDay.jsonList)
        let sql = StoreSchema.progressReports(known: known != nil, subjects: subjectList != nil)
        // What corrections replaced, read once (they are few) rather than looked for at every row.
        let corrected = """
            SELECT supersedes FROM record WHERE typeof(supersedes) = 'integer' \(known == nil ? "" : "AND recorded_at < :known")
            """
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        if let known { values["known"] = known }
        if let subjectList { values["subjects"] = subjectList }
        let arguments = StatementArguments(values)
        let replaced = Set(try Int64.fetchAll(db, sql: corrected,
                                              arguments: known.map { StatementArguments(["known": $0]) } ?? StatementArguments()))
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        // Each row goes into its day's group, and the groups are put in order of their
        // days; within a day, by id (the table is read in that order already, unless the
        // recording-time index was used).
        // Read straight from SQLite's columns, a day from its ten bytes: no strings made
        // but the subject's, nothing hashed but a day's number.
        let raw = statement.sqliteStatement
        var groups: [[(point: ProgressPoint, id: Int64)]] = []
        var groupOfDay: [Int: Int] = [:]
        var days: [Int] = []
        let unknownDay = Day(year: 1, month: 1, day: 1)!
        while try rows.next() != nil {
            guard sqlite3_column_type(raw, 3) == SQLITE_INTEGER, sqlite3_column_type(raw, 0) == SQLITE_TEXT,
                  let subjectText = sqlite3_column_text(raw, 0), let report = ProgressByDay.report(raw, day: 1, percent: 2)
            else { continue }
            let id = sqlite3_column_int64(raw, 3)
            if !replaced.isEmpty, replaced.contains(id) { continue }
            let (dayKey, percent) = (report.day, report.percent)
            let subject = String(decoding: UnsafeBufferPointer(start: subjectText, count: Int(sqlite3_column_bytes(raw, 0))),
                                 as: UTF8.self)
            let group: Int
            if let found = groupOfDay[dayKey] {
                group = found
            } else {
                group = groups.count
                groupOfDay[dayKey] = group
                groups.append([])
                days.append(dayKey)
            }
            groups[group].append((ProgressPoint(subject: subject, asOf: unknownDay, percent: percent), id))
        }
        var points: [ProgressPoint] = []
        points.reserveCapacity(groups.reduce(0) { $0 + $1.count })
        for group in days.indices.sorted(by: { days[$0] < days[$1] }) {
            guard let day = ProgressByDay.day(days[group]) else { continue }
            var members = groups[group]
            if zip(members, members.dropFirst()).contains(where: { $0.id > $1.id }) { members.sort { $0.id < $1.id } }
            points += members.map { ProgressPoint(subject: $0.point.subject, asOf: day, percent: $0.point.percent) }
        }
        return points
    }

    /// The reports' points as the database sorts them, on any database.
    private static func sortedProgressPoints(_ sql: any StoreSQL, of subjects: [String]?, asKnownOn day: Day?) throws -> [ProgressPoint] {
        let known = day.map { LocalDay.start(of: $0.adding(days: 1)) }
        var arguments: [DatabaseValue] = []
        var conditions = ""
        if let known {
            conditions += " AND r.recorded_at < ?"
            arguments.append(known.databaseValue)
        }
        if let list = subjects.flatMap(ProgressByDay.jsonList) {
            conditions += " AND r.subject IN (\(sql.dialect.texts("?")))"
            arguments.append(list.databaseValue)
        }
        let corrections = known == nil ? "" : " AND c.recorded_at < ?"
        if let known { arguments.append(known.databaseValue) }
        var points: [ProgressPoint] = []
        try sql.each("""
            SELECT r.subject, r.as_of, r.percent FROM record AS r
            WHERE r.kind = 'progress' AND r.percent IS NOT NULL\(conditions)
            AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id\(corrections))
            ORDER BY r.as_of, r.id
            """, arguments) { row in
            guard let subject = String.fromDatabaseValue(row[0]), let day = String.fromDatabaseValue(row[1]).flatMap(Day.init(iso:)),
                  let percent = Double.fromDatabaseValue(row[2]), percent.isFinite else { return }
            points.append(ProgressPoint(subject: subject, asOf: day, percent: percent))
        }
        return points
    }

    /// Every record, in the order recorded; reading tells `progress`, which may stop it.
    public func allRecords(progress: WorkProgress = .unwatched) throws(StoreError) -> [StatusRecord] {
        do {
            let (records, damaged) = try backend.read { sql in
                let total = try sql.value("SELECT COUNT(*) FROM record", as: Int.self) ?? 0
                return try RecordRow.fetch(sql, "SELECT * FROM record ORDER BY id") { done throws(WorkCancelled) in
                    try progress.report(.reading, done, of: total)
                }
            }
            note(damaged)
            return records
        } catch is WorkCancelled {
            throw .cancelled(path: path)
        } catch { throw translate(error) }
    }

    public func record(id: Int64) throws(StoreError) -> StatusRecord? {
        try fetch("SELECT * FROM record WHERE id = ?", [id.databaseValue]).first
    }

    /// What a correction of record `id` would correct: the record, and the correction that
    /// already supersedes it, if any.
    public func correctionTarget(_ id: Int64) throws(StoreError) -> CorrectionTarget {
        guard let record = try record(id: id) else { return .missing(id: id) }
        let by = try fetch("SELECT * FROM record WHERE supersedes = ?", [id.databaseValue]).first
        return .found(record, name: "record \(id)", correctedBy: by.map { "#\($0.id)" })
    }

    func fetch(_ query: String, _ arguments: [DatabaseValue] = []) throws(StoreError) -> [StatusRecord] {
        do {
            let (records, damaged) = try backend.read { try RecordRow.fetch($0, query, arguments) }
            note(damaged)
            return records
        } catch { throw translate(error) }
    }

    private func note(_ damaged: [DamagedRecord]) {
        for record in damaged where unreadable[record.id]?.replacedBy == nil { unreadable[record.id] = record }
    }

    // MARK: - Writing

    /// Appends records in one transaction: all of them or none. Returns them with their ids.
    /// The daily sums of the S-curve are kept with them, weighed by `curve` (the dataset's);
    /// without it they fall stale, and curves are read from the reports until a writer with
    /// weights appends.
    @discardableResult
    public func append(_ records: [StatusRecord], curve: CurveWeights? = nil) throws(StoreError) -> [StatusRecord] {
        try append(records.map { PendingRecord(record: $0, supersedesRow: nil) }, curve: curve)
    }

    /// Appends records whose corrections may name an earlier record of the same batch by its
    /// position, resolved to the id it gets. Each is stamped by the store: now, by `writer`.
    func append(_ pending: [PendingRecord], curve: CurveWeights?, progress: WorkProgress = .unwatched) throws(StoreError) -> [StatusRecord] {
        guard !isReadOnly else { throw .readOnly(path: path) }
        do {
            return try backend.write(as: nil) { sql in
                let insert = {
                    var saved: [StatusRecord] = []
                    saved.reserveCapacity(pending.count)
                    var batch: [StatusRecord] = []
                    func flush() throws {
                        guard !batch.isEmpty else { return }
                        saved += try RecordRow.insert(batch, sql)
                        batch = []
                        try progress.report(.writing, saved.count, of: pending.count)
                    }
                    for item in pending {
                        var record = item.record
                        if let row = item.supersedesRow {
                            // A correction of a row of the same file needs that row's id first.
                            if row >= saved.count { try flush() }
                            record.supersedes = saved[row].id
                        }
                        batch.append(record)
                        if batch.count >= sql.dialect.rowsPerInsert { try flush() }
                    }
                    try flush()
                    return saved
                }
                guard let curve else { return try insert() }
                return try ProgressByDay.keep(sql, weights: curve, records: pending.map(\.record), during: insert)
            }
        } catch is WorkCancelled {
            throw .cancelled(path: path)
        } catch { throw translate(error) }
    }

    /// Closes the store and removes its files when this process created it, or empties the
    /// file again when it found it empty: a first import or restore that failed leaves the
    /// store as it found it.
    public func discardIfNew() { backend.discardIfNew() }

    /// Now, as recorded: ISO 8601 in UTC with milliseconds. Computed here: Foundation's date
    /// formatters look up the current time zone through ICU, whose data is megabytes of memory.
    public static func timestamp(_ date: Date = Date()) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let dayLength = 86_400_000
        let days = milliseconds >= 0 ? milliseconds / dayLength : (milliseconds + 1) / dayLength - 1
        let time = milliseconds - days * dayLength
        return Day(ordinal: days).iso + "T" + Format.zeroPadded(time / 3_600_000, width: 2) + ":"
            + Format.zeroPadded(time / 60_000 % 60, width: 2) + ":" + Format.zeroPadded(time / 1000 % 60, width: 2) + "."
            + Format.zeroPadded(time % 1000, width: 3) + "Z"
    }

    /// The OS user recording.
    public static var currentUser: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessEnvironment.variables["USER"] ?? "uid \(geteuid())"
    }
}


/// A record on its way into the store; `supersedesRow` names an earlier record of the same
/// batch by position.
struct PendingRecord {
    var record: StatusRecord
    var supersedesRow: Int?
}
