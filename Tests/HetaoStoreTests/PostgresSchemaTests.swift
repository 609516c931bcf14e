import Foundation
import HetaoDomain
import Glibc
import PostgresClient
import Testing
@testable import HetaoStore

/// The store's promises on PostgreSQL, held by the database itself: what a second writer (a
/// script, psql) meets, not only hetao.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable)) struct PostgresSchemaTests {
    /// A migrated database and a connection to it; the database is dropped when the caller lets
    /// it go, so each test keeps it to its end.
    private func migrated() throws -> (PostgresTestDatabase, PostgresConnection) {
        let database = try PostgresTestDatabase()
        let connection = try database.connect()
        try PostgresSchema.migrate(connection, at: StatusStore.timestamp())
        return (database, connection)
    }

    private func insert(_ connection: PostgresConnection, _ subject: String, _ percent: Double, asOf: String,
                        supersedes: Int64? = nil) throws -> Int64 {
        let rows = try connection.query("""
            INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source, percent, supersedes)
            VALUES ('progress', $1, $2, '2001-01-01T00:00:00.000Z', 'mallory', 'site report', $3, $4) RETURNING id
            """, [subject, asOf, String(percent), supersedes.map(String.init)])
        return Int64(rows[0, 0]!)!
    }

    private func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as PostgresError { return error.message } catch { return "\(error)" }
        return nil
    }

    @Test func aWriterCannotSignAsAnotherOrDateARecordOrChangeOne() throws {
        let (database, connection) = try migrated()
        defer { withExtendedLifetime(database) {} }
        // A connection that names no writer cannot write at all.
        let anonymous = try database.connect(writer: nil)
        #expect(refusal { _ = try insert(anonymous, "B8", 50, asOf: "2026-11-20") }?.contains("stamped by the store") == true)
        // The stamps a record carries are replaced by the store's: now, and the writer named.
        let before = StatusStore.timestamp(Date(timeIntervalSinceNow: -1))
        let id = try insert(connection, "B8", 50, asOf: "2026-11-20")
        let stamped = try connection.query("SELECT recorded_at, recorded_by FROM record WHERE id = $1", [String(id)])
        #expect(stamped[0, 1] == "tester")
        let at = try #require(stamped[0, 0])
        #expect(at >= before && at <= StatusStore.timestamp(Date(timeIntervalSinceNow: 1)) && at.count == 24)
        // Never edited, deleted or truncated, by anyone.
        #expect(refusal { try connection.query("UPDATE record SET percent = 99") }?.contains("never edited") == true)
        #expect(refusal { try connection.query("DELETE FROM record") }?.contains("never deleted") == true)
        #expect(refusal { try connection.execute("TRUNCATE record CASCADE") }?.contains("never deleted") == true)
        #expect(try connection.query("SELECT percent FROM record")[0, 0] == "50")
    }

    @Test func aCorrectionIsAboutItsRecordAndMadeOnce() throws {
        let (database, connection) = try migrated()
        defer { withExtendedLifetime(database) {} }
        let first = try insert(connection, "B1-A", 50, asOf: "2026-11-20")
        #expect(refusal { _ = try insert(connection, "B1-B", 51, asOf: "2026-11-20", supersedes: first) }?
            .contains("about what it corrects") == true)
        let fix = try insert(connection, "B1-A", 51, asOf: "2026-11-19", supersedes: first)
        #expect(refusal { _ = try insert(connection, "B1-A", 52, asOf: "2026-11-20", supersedes: first) }?
            .contains("corrected only once") == true)
        // The latest is the newest standing record: the correction, though dated a day earlier.
        var latest = try connection.query("SELECT record_id, as_of FROM latest WHERE subject = 'B1-A'")
        #expect(latest[0, 0] == String(fix) && latest[0, 1] == "2026-11-19")
        let next = try insert(connection, "B1-A", 60, asOf: "2026-11-25")
        latest = try connection.query("SELECT record_id FROM latest WHERE subject = 'B1-A'")
        #expect(latest[0, 0] == String(next))
    }

    /// Two hosts starting together migrate once: the second waits for the first's lock and
    /// finds nothing to do.
    @Test func twoWritersStartingTogetherMigrateOnce() throws {
        let database = try PostgresTestDatabase()
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do { try PostgresSchema.migrate(try database.connect(), at: StatusStore.timestamp()) } catch { failures.add("\(error)") }
        }
        #expect(failures.all.isEmpty)
        #expect(try PostgresSchema.versions(try database.connect()) == PostgresSchema.migrations.map(\.version))
        // A database with a record table of someone else's is refused, untouched.
        let other = try PostgresTestDatabase()
        let foreign = try other.connect()
        defer { withExtendedLifetime(other) {} }
        try foreign.execute("CREATE TABLE record (id integer)")
        #expect(refusal { try PostgresSchema.migrate(foreign, at: StatusStore.timestamp()) }?.contains("did not make") == true)
        #expect(try foreign.query("SELECT to_regclass('latest') IS NULL")[0, 0] == "t")
    }

    /// Every insert, by hetao or anyone, wakes the connections listening: a dashboard sleeps on
    /// its socket until then.
    @Test func anInsertWakesEveryListener() throws {
        let (database, writer) = try migrated()
        defer { withExtendedLifetime(database) {} }
        let listener = try database.connect(writer: nil)
        try listener.execute("LISTEN \(PostgresSchema.channel)")
        _ = try insert(writer, "B9", 70, asOf: "2026-11-21")
        var descriptor = pollfd(fd: listener.socket, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 5000) == 1)
        #expect(try listener.notifications().map(\.channel) == [PostgresSchema.channel])
    }
}

/// Errors met on other threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}

/// In CI the PostgreSQL tests must run: a cluster that is missing or unreachable fails here
/// rather than skipping them.
@Suite struct PostgresTestClusterTests {
    @Test(.enabled(if: PostgresTestDatabase.isRequired)) func theClusterIsReachableWhenRequired() throws {
        let server = try #require(PostgresTestDatabase.server, "HETAO_REQUIRE_POSTGRES=1 but HETAO_TEST_POSTGRES is not set")
        #expect(try PostgresConnection(server).query("SELECT 1")[0, 0] == "1")
    }
}

/// The roles an administrator gives: a writer role for `hetao-serve` and recorders, a read-only
/// one for reporting hosts, which reads everything and is refused a record as a read-only file is.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable)) struct PostgresRoleTests {
    @Test func aReadOnlyRoleReadsAndIsRefusedARecordAsAReadOnlyFileIs() throws {
        let temp = TemporaryStore(.postgres)
        let writer = try temp.open()
        let saved = try writer.append([StatusRecord(kind: .progress, subject: "B9", asOf: Day(iso: "2026-11-20")!,
                                                    source: "site report", percent: 80)])[0]
        let role = "reader_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        try temp.bypassing("""
            CREATE ROLE \(role) LOGIN; GRANT USAGE ON SCHEMA public TO \(role);
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)
            """)
        defer { try? temp.bypassing("DROP OWNED BY \(role); DROP ROLE \(role)") }
        let reader = try StatusStore(path: temp.path + " user=\(role)", seedFrom: temp.programme, writer: "bob")
        #expect(reader.isReadOnly)
        #expect(try reader.record(id: saved.id)?.percent == 80)
        #expect(try reader.latest().contains { $0.id == saved.id })
        let refusal = StoreError.readOnly(path: reader.path)
        #expect(throws: refusal) { try reader.append([saved]) }
        #expect(refusal.description.hasSuffix("the status store is read-only for this user; nothing was recorded"))
        #expect(refusal.exitCode == StoreError.readOnly(path: "status.sqlite").exitCode)
        // A reader never makes a store: on a database without one it says so, and leaves it empty.
        let empty = try PostgresTestDatabase()
        try PostgresConnection(empty.conninfo).execute("""
            GRANT CONNECT ON DATABASE \(empty.name) TO \(role); REVOKE CREATE ON SCHEMA public FROM PUBLIC
            """)
        #expect(throws: StoreError.cannotCreate(path: StoreLocation.redacted(empty.conninfo + " user=\(role)"),
                                                reason: "the database holds no hetao store, and this role cannot create one")) {
            try StatusStore(path: empty.conninfo + " user=\(role)", seedFrom: temp.programme)
        }
        #expect(try PostgresConnection(empty.conninfo).query("SELECT to_regclass('hetao_schema') IS NULL")[0, 0] == "t")
        // Even by hand, the role cannot write.
        let direct = try PostgresConnection(temp.path + " user=\(role)")
        try direct.query("SELECT set_config('hetao.writer', 'bob', false)")
        #expect(throws: PostgresError.self) {
            try direct.query("INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source) VALUES ('progress', 'B9', '2026-11-21', '', '', 's')")
        }
    }
}

/// A server that is not there may come back (exit 75, try again); a database that does not
/// exist, or a role that may not log in, will not (exit 74, fix the setting).
@Suite(.enabled(if: PostgresTestDatabase.isAvailable)) struct PostgresConnectionFailureTests {
    @Test func anAbsentServerIsTemporaryAndAWrongSettingIsNot() throws {
        let server = try #require(PostgresTestDatabase.server)
        let programme = TemporaryStore().programme
        do {
            _ = try StatusStore(path: server + " dbname=no_such_database", seedFrom: programme)
            Issue.record("a missing database opened")
        } catch {
            guard case .failed(_, let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("no_such_database") && error.exitCode == 74)
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "hetao-no-server-\(UUID().uuidString)").path
        do {
            _ = try StatusStore(path: "host=\(folder) dbname=hetao", seedFrom: programme)
            Issue.record("a server that is not there answered")
        } catch {
            guard case .unreachable = error else { Issue.record("\(error)"); return }
            #expect(error.exitCode == 75 && error.description.contains("try again when it is back"))
        }
    }
}
