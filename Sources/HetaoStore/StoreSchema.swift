import GRDB

/// The store's tables, as migrations, and the parts of it derived from the records (the
/// `latest` table and the triggers that keep it), which can be rebuilt from `record` alone.
enum StoreSchema {
    /// `PRAGMA application_id` of a hetao store ("HTAO"): how a file is told apart from any
    /// other SQLite database before anything is written to it.
    static let applicationID: Int32 = 0x4854_414F

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
        // v2: the latest figure is the newest as-of among records not superseded (v1 let a
        // withdrawn figure stay latest when its correction was dated earlier); a record is
        // corrected at most once, by a record about the same thing; the file says it is hetao's.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "DROP TRIGGER record_keeps_latest; DROP TABLE latest;")
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: derived)
            try db.execute(sql: rebuildLatest)
        }
        // v3: records by the time they were recorded, so the store as known on a past day, and the
        // days anything was recorded, are found without reading every record.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: recordedAtIndex)
        }
        // v4: the slot index carries the record time, so the latest record of a slot as known on
        // a past day is found in the index alone, without reading each record it passes over.
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                CREATE INDEX record_by_slot ON record(subject, kind, event, as_of, id, recorded_at);
                DROP INDEX record_by_subject;
                """)
        }
        // v5: the store stamps every record (the time and the writer), and an imported record's
        // own stamps are kept as its origin.
        migrator.registerMigration("v5") { db in
            try db.execute(sql: """
                ALTER TABLE record ADD COLUMN origin_recorded_at TEXT;
                ALTER TABLE record ADD COLUMN origin_recorded_by TEXT;
                \(stampTrigger)
                """)
        }
        return migrator
    }

    /// The store's clock, as records are stamped: ISO 8601 in UTC with milliseconds. SQLite
    /// gives `'now'` one value for the whole of a statement's step, the triggers it fires
    /// included, so the trigger below can demand exactly the time the insert used.
    static let now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

    /// The name of the SQL function that answers who writes (`StatusStore.writer`). Only hetao
    /// defines it on its connections: any other tool that inserts a record is refused.
    static let writerFunction = "hetao_writer"

    /// A record's `recorded_at` and `recorded_by` are the store's: the moment of the insert and
    /// the writer of the connection. No writer can date a record earlier or sign it in another's
    /// name; a restore (a whole new store from an export) is the one path that sets them.
    static let stampTrigger = """
        CREATE TRIGGER IF NOT EXISTS record_is_stamped_by_the_store BEFORE INSERT ON record
        WHEN NEW.recorded_at IS NOT \(now) OR NEW.recorded_by IS NOT \(writerFunction)() BEGIN
            SELECT RAISE(ABORT, 'recorded_at and recorded_by are stamped by the store (now, and who writes); \
        the stamps a record carried belong in origin_recorded_at and origin_recorded_by');
        END;
        """

    /// The objects derived from `record`: dropping any of them loses nothing, and `repair`
    /// puts them back.
    static let derivedObjects = ["latest", "record_by_supersedes", "record_by_recorded_at", "record_keeps_latest",
                                 "record_corrects_once", "record_is_stamped_by_the_store"]

    private static let recordedAtIndex = "CREATE INDEX IF NOT EXISTS record_by_recorded_at ON record(recorded_at);"

    /// What an S-curve reads of each progress report, as known by `:known` and of `:subjects`
    /// when asked: from `record_progress` alone.
    static func progressReports(known: Bool, subjects: Bool) -> String {
        """
        SELECT r.subject, r.as_of, r.percent, r.id FROM record AS r
        WHERE r.kind = 'progress' AND r.percent IS NOT NULL \(known ? "AND r.recorded_at < :known" : "")
        \(subjects ? "AND r.subject IN (SELECT value FROM json_each(:subjects))" : "")
        """
    }

    /// The progress reports alone, each with what an S-curve reads of it, in a narrow index in
    /// the order of their days: a curve over a million reports reads that, not every row. Not a
    /// migration: an index changes no figure, so a store without it (made by an earlier hetao, or
    /// opened by a reader) is read the slower way, and a writer adds it.
    static let progressIndex = """
        CREATE INDEX IF NOT EXISTS record_progress ON record(as_of, subject, percent, recorded_at, kind)
        WHERE kind = 'progress' AND percent IS NOT NULL;
        """

    /// The newest as-of, then the highest id, among the records of a slot that nothing supersedes.
    private static func newestStanding(where condition: String, correctionsWhere: String = "1") -> String {
        """
        SELECT kind, subject, event, id, as_of FROM record AS r
        WHERE \(condition) AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id AND \(correctionsWhere))
        """
    }

    private static let derived = """
        CREATE TABLE latest (
            kind TEXT NOT NULL, subject TEXT NOT NULL, event TEXT NOT NULL,
            record_id INTEGER NOT NULL REFERENCES record(id), as_of TEXT NOT NULL,
            PRIMARY KEY (kind, subject, event)) WITHOUT ROWID;
        CREATE INDEX record_by_supersedes ON record(supersedes) WHERE supersedes IS NOT NULL;
        \(recordedAtIndex)
        \(progressIndex)
        CREATE TRIGGER record_corrects_once BEFORE INSERT ON record WHEN NEW.supersedes IS NOT NULL BEGIN
            SELECT RAISE(ABORT, 'a record can be corrected only once: supersede its correction instead')
            WHERE EXISTS (SELECT 1 FROM record WHERE supersedes = NEW.supersedes);
            SELECT RAISE(ABORT, 'a correction must be about what it corrects: the same kind, subject and event')
            WHERE NOT EXISTS (SELECT 1 FROM record WHERE id = NEW.supersedes AND kind = NEW.kind
                              AND subject = NEW.subject AND event = NEW.event);
        END;
        \(stampTrigger)
        CREATE TRIGGER record_keeps_latest AFTER INSERT ON record BEGIN
            INSERT INTO latest (kind, subject, event, record_id, as_of)
            \(newestStanding(where: "r.subject = NEW.subject AND r.kind = NEW.kind AND r.event = NEW.event"))
            ORDER BY r.as_of DESC, r.id DESC LIMIT 1
            ON CONFLICT (kind, subject, event) DO UPDATE SET record_id = excluded.record_id, as_of = excluded.as_of;
        END;
        """

    /// The ids of the latest record of every slot, computed from `record` alone.
    static let latestIDs = """
        SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY kind, subject, event ORDER BY as_of DESC, id DESC) AS n
                        FROM (\(newestStanding(where: "1 = 1"))) AS standing) AS ranked WHERE n = 1
        """

    /// The ids of the latest record of every slot as the store knew it before the instant bound
    /// to `?` (an ISO 8601 UTC time): records recorded since, and corrections recorded since, do
    /// not count.
    static let latestIDsKnownBefore = """
        SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY kind, subject, event ORDER BY as_of DESC, id DESC) AS n
                        FROM (\(newestStanding(where: "r.recorded_at < ?1", correctionsWhere: "c.recorded_at < ?1"))) AS standing)
                        AS ranked WHERE n = 1
        """

    /// The same from the `latest` table: only the slots with a record made since (found by the
    /// record-time index) are worked out again, each by the newest standing record known then
    /// (the slot index, newest first); a correction is about its own slot, so the others stand.
    /// The cost follows what was recorded since the day, not the size of the store.
    static func latestIDsKnownBeforeFromLatest(_ dialect: StoreDialect) -> String { """
        WITH touched AS (SELECT DISTINCT kind, subject, event FROM record \(dialect.indexedBy("record_by_recorded_at"))
                         WHERE recorded_at >= ?1)
        SELECT record_id FROM latest WHERE (kind, subject, event) NOT IN (SELECT kind, subject, event FROM touched)
        UNION ALL
        SELECT (SELECT r.id FROM record AS r
                WHERE r.subject = t.subject AND r.kind = t.kind AND r.event = t.event AND r.recorded_at < ?1
                AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id AND c.recorded_at < ?1)
                ORDER BY r.as_of DESC, r.id DESC LIMIT 1) FROM touched AS t
        """
    }

    /// For each slot with a record made between ?1 and ?2, the id of its latest record as known
    /// before ?3 (NULL when it had none then): what changes when the day shown moves.
    static func slotsRecordedBetween(_ dialect: StoreDialect) -> String { """
        WITH touched AS (SELECT DISTINCT kind, subject, event FROM record \(dialect.indexedBy("record_by_recorded_at"))
                         WHERE recorded_at >= ?1 AND recorded_at < ?2)
        SELECT t.kind, t.subject, t.event,
               (SELECT r.id FROM record AS r
                WHERE r.subject = t.subject AND r.kind = t.kind AND r.event = t.event AND r.recorded_at < ?3
                AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id AND c.recorded_at < ?3)
                ORDER BY r.as_of DESC, r.id DESC LIMIT 1) FROM touched AS t
        """
    }

    private static let rebuildLatest = """
        DELETE FROM latest;
        INSERT INTO latest (kind, subject, event, record_id, as_of)
        SELECT kind, subject, event, id, as_of FROM record WHERE id IN (\(latestIDs));
        """

    /// The derived objects that are missing (a damaged or hand-edited store).
    static func missingDerivedObjects(_ db: Database) throws -> [String] {
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master"))
        return derivedObjects.filter { !present.contains($0) }
    }

    /// Drops what is left of the derived objects and builds them again from `record`.
    static func repair(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER IF EXISTS record_keeps_latest; DROP TRIGGER IF EXISTS record_corrects_once;
            DROP TRIGGER IF EXISTS record_is_stamped_by_the_store;
            DROP INDEX IF EXISTS record_by_supersedes; DROP INDEX IF EXISTS record_by_recorded_at; DROP INDEX IF EXISTS record_progress;
            DROP TABLE IF EXISTS latest;
            """)
        try db.execute(sql: derived)
        try db.execute(sql: rebuildLatest)
    }

    /// Whether a database that is not empty is a hetao store.
    enum Kind { case hetao, foreign }

    static func kind(_ db: Database) throws -> Kind {
        if try Int32.fetchOne(db, sql: "PRAGMA application_id") == applicationID { return .hetao }
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        // Stores created before the application id was set have these.
        if tables.isSuperset(of: ["meta", "record", "grdb_migrations"]) { return .hetao }
        return .foreign
    }
}
