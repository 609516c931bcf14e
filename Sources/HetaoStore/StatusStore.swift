import Foundation
import GRDB
import HetaoDomain

/// The status history: an append-only SQLite table of records, shared by many viewers and a
/// few writers (WAL, busy timeout), created and seeded from the dataset on first use.
public final class StatusStore: @unchecked Sendable {
    public let path: String
    public let isReadOnly: Bool
    private let queue: DatabaseQueue

    /// How long a writer waits for another to finish before giving up.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens the store at `path`. A new store is created, and seeded from `programme` when one
    /// is given (an import into a new store starts it with exactly the file's records). A store
    /// this user cannot write, or any store when `readOnly` is set, opens read-only.
    public init(path: String, seedFrom programme: Programme?, readOnly: Bool = false,
                busyTimeout: TimeInterval = StatusStore.defaultBusyTimeout) throws(StoreError) {
        self.path = path
        let manager = FileManager.default
        let exists = manager.fileExists(atPath: path)
        if !exists {
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try manager.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreate(path: path, reason: "cannot create the folder \(directory)")
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        isReadOnly = exists && (readOnly || !manager.isWritableFile(atPath: path)
            || !manager.isWritableFile(atPath: directory.isEmpty ? "." : directory))
        var configuration = Configuration()
        configuration.readonly = isReadOnly
        configuration.busyMode = .timeout(busyTimeout)
        if !isReadOnly { configuration.journalMode = .wal }
        configuration.label = "hetao-status"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Self.migrator
            let superseded = try queue.read { try migrator.hasBeenSuperseded($0) }
            if superseded { throw StoreError.newerSchema(path: path) }
            if !isReadOnly {
                try migrator.migrate(queue)
                try queue.write { db in
                    if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meta WHERE key = 'created_at'") == 0 {
                        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('created_at', ?)",
                                       arguments: [StatusStore.timestamp()])
                        if let programme { try Self.seed(db, from: programme) }
                    }
                }
            } else if try queue.read({ try !migrator.hasCompletedMigrations($0) }) {
                throw StoreError.notADatabase(path: path)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    static func translate(_ error: any Error, path: String) -> StoreError {
        guard let error = error as? DatabaseError else { return .failed(path: path, reason: "\(error)") }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notADatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
        case .SQLITE_CANTOPEN: return .cannotCreate(path: path, reason: "cannot open the file")
        default: return .failed(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    // MARK: - Schema

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE record (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('progress', 'milestone', 'leasing', 'spend')),
                    subject TEXT NOT NULL,
                    event TEXT NOT NULL DEFAULT '',
                    as_of TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    note TEXT NOT NULL DEFAULT '',
                    source TEXT NOT NULL,
                    supersedes INTEGER REFERENCES record(id),
                    percent REAL, status TEXT, forecast TEXT, actual TEXT, share_let REAL, tenants INTEGER,
                    committed_hkd INTEGER, spent_hkd INTEGER);
                CREATE INDEX record_by_subject ON record(subject, kind, event, as_of, id);
                -- The latest record of each kind, subject and event, kept as records arrive, so
                -- that viewers read one row per figure instead of the whole history.
                CREATE TABLE latest (
                    kind TEXT NOT NULL, subject TEXT NOT NULL, event TEXT NOT NULL,
                    record_id INTEGER NOT NULL REFERENCES record(id), as_of TEXT NOT NULL,
                    PRIMARY KEY (kind, subject, event)) WITHOUT ROWID;
                CREATE TRIGGER record_keeps_latest AFTER INSERT ON record BEGIN
                    INSERT INTO latest (kind, subject, event, record_id, as_of)
                    VALUES (NEW.kind, NEW.subject, NEW.event, NEW.id, NEW.as_of)
                    ON CONFLICT (kind, subject, event) DO UPDATE
                    SET record_id = excluded.record_id, as_of = excluded.as_of
                    WHERE excluded.as_of >= latest.as_of;
                END;
                CREATE TRIGGER record_is_never_edited BEFORE UPDATE ON record BEGIN
                    SELECT RAISE(ABORT, 'records are never edited: record a correction that supersedes it');
                END;
                CREATE TRIGGER record_is_never_deleted BEFORE DELETE ON record BEGIN
                    SELECT RAISE(ABORT, 'records are never deleted: record a correction that supersedes it');
                END;
                """)
        }
        return migrator
    }

    /// The dataset's own figures become the first records, so every history starts there.
    private static func seed(_ db: Database, from programme: Programme) throws {
        let stamp = StatusStore.timestamp()
        func insert(_ record: StatusRecord) throws {
            var seeded = record
            seeded.recordedAt = stamp
            seeded.recordedBy = "dataset"
            seeded.note = "from the dataset: \(programme.title)"
            try RecordRow.insert(seeded, db)
        }
        for b in programme.buildings {
            try insert(StatusRecord(kind: .progress, subject: b.id, asOf: programme.asOf, source: b.percentComplete.sourceID,
                                    percent: b.percentComplete.value))
            if let leased = b.shareLeased {
                try insert(StatusRecord(kind: .leasing, subject: b.id, asOf: programme.asOf, source: leased.sourceID,
                                        shareLet: leased.value))
            }
        }
        for a in programme.allAllocations.map(\.allocation) where a.committed != nil || a.spent != nil {
            try insert(StatusRecord(kind: .spend, subject: a.id, asOf: programme.asOf,
                                    source: a.spent?.sourceID ?? a.committed!.sourceID,
                                    committed: a.committed?.value, spent: a.spent?.value))
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded_from', ?)", arguments: [programme.title])
    }

    // MARK: - Reading

    /// SQLite's counter of changes made by other connections: polling it costs next to nothing,
    /// and it changes whenever another process commits.
    public func dataVersion() throws(StoreError) -> Int64 {
        // Outside a transaction, with a prepared statement: this runs twice a second in every
        // open dashboard.
        do {
            return try queue.inDatabase { db in
                try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// The latest record of each kind, subject and event.
    public func latest() throws(StoreError) -> [StatusRecord] {
        do {
            return try queue.read { db in
                try RecordRow.fetch(db, sql: "SELECT record.* FROM latest JOIN record ON record.id = latest.record_id")
            }
        } catch { throw Self.translate(error, path: path) }
    }

    /// Every record about `subject`, oldest first, corrections and superseded ones included.
    public func history(of subject: String) throws(StoreError) -> [StatusRecord] {
        do {
            return try queue.read { db in
                try RecordRow.fetch(db, sql: "SELECT * FROM record WHERE subject = ? ORDER BY as_of, id", arguments: [subject])
            }
        } catch { throw Self.translate(error, path: path) }
    }

    /// Every record, in the order recorded.
    public func allRecords() throws(StoreError) -> [StatusRecord] {
        do { return try queue.read { try RecordRow.fetch($0, sql: "SELECT * FROM record ORDER BY id") } } catch {
            throw Self.translate(error, path: path)
        }
    }

    public func record(id: Int64) throws(StoreError) -> StatusRecord? {
        do {
            return try queue.read { try RecordRow.fetch($0, sql: "SELECT * FROM record WHERE id = ?", arguments: [id]).first }
        } catch { throw Self.translate(error, path: path) }
    }

    // MARK: - Writing

    /// Appends records in one transaction: all of them or none. Returns them with their ids;
    /// `supersedes` values that name a record's position in `records` as a negative number
    /// (-1 for the first) are resolved to the new ids, so an import can carry its corrections.
    @discardableResult
    public func append(_ records: [StatusRecord]) throws(StoreError) -> [StatusRecord] {
        guard !isReadOnly else { throw .readOnly(path: path) }
        do {
            return try queue.write { db in
                var saved: [StatusRecord] = []
                saved.reserveCapacity(records.count)
                let stamp = StatusStore.timestamp()
                for var record in records {
                    if record.recordedAt.isEmpty { record.recordedAt = stamp }
                    if let target = record.supersedes, target < 0 { record.supersedes = saved[Int(-target) - 1].id }
                    record.id = try RecordRow.insert(record, db)
                    saved.append(record)
                }
                return saved
            }
        } catch { throw Self.translate(error, path: path) }
    }

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
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(geteuid())"
    }
}
