import PostgresClient

/// The store's tables on PostgreSQL, and the rules the database itself enforces there, so that
/// a second writer (a script, psql) cannot break them any more than hetao can:
/// - records are never edited, deleted or truncated;
/// - a record is stamped by the store: the time of its statement, in UTC to the millisecond, and
///   the writer the connection named (`hetao.writer`); a connection that names none cannot write;
/// - a correction is about the same kind, subject and event as what it corrects, and a record is
///   corrected once (a unique index, so two writers cannot both correct it);
/// - `latest` holds each slot's newest standing record, kept by a trigger once a statement for
///   each slot it wrote (an import of 100,000 rows about eight buildings looks eight up a batch);
/// - writers take turns: every insert waits for the last writer's transaction to end, as on
///   SQLite, so ids grow in the order records are committed and each trigger sees the records
///   before its own;
/// - every insert notifies `hetao_record`, which open dashboards listen on.
///
/// Migrations are versioned in `hetao_schema`; a writer runs the missing ones under an advisory
/// lock, so two hosts starting together migrate once. Readers never migrate.
enum PostgresSchema {
    /// The channel every insert notifies.
    static let channel = "hetao_record"

    /// The advisory lock keys: writers' turns, and migrations.
    static let writerLock = 0x4854_414F_0001
    static let migrationLock = 0x4854_414F_0002

    static let migrations: [(version: Int, sql: String)] = [(1, """
        CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE record (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind text NOT NULL CHECK (kind IN ('progress', 'milestone', 'leasing', 'spend')),
            subject text NOT NULL,
            event text NOT NULL DEFAULT '',
            as_of text NOT NULL,
            recorded_at text NOT NULL,
            recorded_by text NOT NULL,
            note text NOT NULL DEFAULT '',
            source text NOT NULL,
            supersedes bigint REFERENCES record (id),
            percent double precision, status text, forecast text, actual text, share_let double precision, tenants bigint,
            committed_hkd bigint, spent_hkd bigint,
            origin_recorded_at text, origin_recorded_by text);
        CREATE INDEX record_by_slot ON record (subject, kind, event, as_of, id, recorded_at);
        CREATE UNIQUE INDEX record_corrected_once ON record (supersedes) WHERE supersedes IS NOT NULL;
        CREATE INDEX record_by_recorded_at ON record (recorded_at);
        CREATE INDEX record_progress ON record (as_of, subject, percent, recorded_at, kind)
            WHERE kind = 'progress' AND percent IS NOT NULL;
        CREATE TABLE latest (
            kind text NOT NULL, subject text NOT NULL, event text NOT NULL,
            record_id bigint NOT NULL REFERENCES record (id), as_of text NOT NULL,
            PRIMARY KEY (kind, subject, event));
        CREATE TABLE progress_by_day (
            batch text NOT NULL, as_of text NOT NULL, change double precision NOT NULL, reports bigint NOT NULL,
            PRIMARY KEY (batch, as_of));

        CREATE FUNCTION hetao_record_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                RAISE EXCEPTION 'records are never edited: record a correction that supersedes it';
            END IF;
            RAISE EXCEPTION 'records are never deleted: record a correction that supersedes it';
        END $$;
        CREATE TRIGGER record_is_never_edited BEFORE UPDATE OR DELETE ON record
            FOR EACH ROW EXECUTE FUNCTION hetao_record_is_kept();
        CREATE TRIGGER record_is_never_truncated BEFORE TRUNCATE ON record
            FOR EACH STATEMENT EXECUTE FUNCTION hetao_record_is_kept();

        CREATE FUNCTION hetao_writers_take_turns() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(\(writerLock));
            RETURN NULL;
        END $$;
        CREATE TRIGGER record_writers_take_turns BEFORE INSERT ON record
            FOR EACH STATEMENT EXECUTE FUNCTION hetao_writers_take_turns();

        CREATE FUNCTION hetao_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            writer text := current_setting('hetao.writer', true);
        BEGIN
            IF current_setting('hetao.restoring', true) = 'on' THEN
                RETURN NEW;
            END IF;
            IF writer IS NULL OR writer = '' THEN
                RAISE EXCEPTION 'recorded_at and recorded_by are stamped by the store, with the writer the connection names: write records through hetao';
            END IF;
            NEW.recorded_at := to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
            NEW.recorded_by := writer;
            RETURN NEW;
        END $$;
        CREATE TRIGGER record_is_stamped_by_the_store BEFORE INSERT ON record
            FOR EACH ROW EXECUTE FUNCTION hetao_stamp();

        CREATE FUNCTION hetao_correction_is_about_its_record() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM record WHERE supersedes = NEW.supersedes) THEN
                RAISE EXCEPTION 'a record can be corrected only once: supersede its correction instead';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM record WHERE id = NEW.supersedes AND kind = NEW.kind
                           AND subject = NEW.subject AND event = NEW.event) THEN
                RAISE EXCEPTION 'a correction must be about what it corrects: the same kind, subject and event';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER record_corrects_once BEFORE INSERT ON record
            FOR EACH ROW WHEN (NEW.supersedes IS NOT NULL) EXECUTE FUNCTION hetao_correction_is_about_its_record();

        CREATE FUNCTION hetao_keep_latest() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO latest (kind, subject, event, record_id, as_of)
            SELECT t.kind, t.subject, t.event, newest.id, newest.as_of
            FROM (SELECT DISTINCT kind, subject, event FROM inserted) AS t
            CROSS JOIN LATERAL (
                SELECT r.id, r.as_of FROM record AS r
                WHERE r.subject = t.subject AND r.kind = t.kind AND r.event = t.event
                AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id)
                ORDER BY r.as_of DESC, r.id DESC LIMIT 1) AS newest
            ON CONFLICT (kind, subject, event) DO UPDATE SET record_id = excluded.record_id, as_of = excluded.as_of;
            RETURN NULL;
        END $$;
        CREATE TRIGGER record_keeps_latest AFTER INSERT ON record
            REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION hetao_keep_latest();

        CREATE FUNCTION hetao_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('\(channel)', '');
            RETURN NULL;
        END $$;
        CREATE TRIGGER record_notifies AFTER INSERT ON record
            FOR EACH STATEMENT EXECUTE FUNCTION hetao_notify();
        INSERT INTO meta (key, value) VALUES ('application', 'hetao');
        """)]

    /// The newest version this hetao knows.
    static var current: Int { migrations.map(\.version).max() ?? 0 }

    /// The versions the database has, oldest first; empty for a database hetao never wrote.
    static func versions(_ connection: PostgresConnection) throws(PostgresError) -> [Int] {
        let exists = try connection.query("SELECT to_regclass('hetao_schema') IS NOT NULL")
        guard exists[0, 0] == "t" else { return [] }
        let rows = try connection.query("SELECT version FROM hetao_schema ORDER BY version")
        return (0..<rows.count).compactMap { rows[$0, 0].flatMap { Int($0) } }
    }

    /// Brings the database up to `current`, in one transaction, once however many writers start
    /// together: the second waits for the first's lock and then finds nothing to do. Refuses a
    /// database that is not empty and not hetao's.
    static func migrate(_ connection: PostgresConnection, at now: String) throws(PostgresError) {
        try connection.execute("BEGIN")
        do throws(PostgresError) {
            try connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try connection.execute("CREATE TABLE IF NOT EXISTS hetao_schema (version integer PRIMARY KEY, applied_at text NOT NULL)")
            let applied = Set(try versions(connection))
            if applied.isEmpty, try connection.query("SELECT to_regclass('record') IS NOT NULL")[0, 0] == "t" {
                throw PostgresError(sqlState: "42P07", message: "the database has a record table hetao did not make")
            }
            for migration in migrations where !applied.contains(migration.version) {
                try connection.execute(migration.sql)
                try connection.query("INSERT INTO hetao_schema (version, applied_at) VALUES ($1, $2)", [String(migration.version), now])
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
