import Foundation
import GRDB
import HetaoDomain
import PostgresClient

/// A status store in a PostgreSQL database, for more than one host. The rules are held by the
/// database itself (`PostgresSchema`); hetao's writers take the writers' lock, name themselves
/// for the store's stamps, and run each append in one transaction. A reader reads in one
/// snapshot. A role that cannot insert records opens the store read-only; a database hetao never
/// wrote is set up by the first writer, once however many start together.
final class PostgresBackend: StoreBackend {
    let path: String
    let isReadOnly: Bool
    let wasCreated: Bool
    var wasEmpty: Bool { false }
    /// Opening a database falls back on nothing worth a note.
    let notices: [String] = []
    /// `latest` is kept by the database's own trigger, on every schema version there is.
    var derivesLatest = false
    let writer: String
    var dialect: StoreDialect { .postgres }
    private let conninfo: String
    private let busyTimeout: TimeInterval
    /// The one connection a session holds: its reads, its writes, and, once a dashboard asks,
    /// the notices of new records it listens for.
    private var connection: PostgresConnection
    /// Whether `connection` listens for new records' notices.
    private var listening = false

    init(conninfo: String, readOnly: Bool, writer: String, busyTimeout: TimeInterval,
         seed: ((any StoreSQL) throws -> Void)?) throws(StoreError) {
        path = StoreLocation.redacted(conninfo)
        self.conninfo = conninfo
        self.writer = writer
        self.busyTimeout = busyTimeout
        do {
            connection = try Self.connect(conninfo, busyTimeout: busyTimeout)
            let versions = try PostgresSchema.versions(connection)
            if versions.contains(where: { $0 > PostgresSchema.current }) { throw StoreError.newerSchema(path: path) }
            let mayWrite = versions.isEmpty
                ? try connection.query("SELECT has_schema_privilege(current_schema(), 'CREATE')")[0, 0] == "t"
                : try connection.query("SELECT has_table_privilege('record', 'INSERT')")[0, 0] == "t"
            guard !versions.isEmpty || mayWrite else {
                throw StoreError.cannotCreate(path: path, reason: "the database holds no hetao store, and this role cannot create one")
            }
            isReadOnly = readOnly || !mayWrite
            wasCreated = versions.isEmpty
            if versions.count < PostgresSchema.migrations.count {
                guard !isReadOnly else {
                    throw versions.isEmpty
                        ? StoreError.cannotCreate(path: path, reason: "the database holds no hetao store yet, and --read-only creates none")
                        : StoreError.failed(path: path, reason: "the store's schema is behind this hetao; a writer brings it up to date")
                }
                try PostgresSchema.migrate(connection, at: StatusStore.timestamp())
            }
            // A store already made is not written to at all: opening it takes no lock.
            let made = try read { sql in try sql.value("SELECT COUNT(*) FROM meta WHERE key = 'created_at'", as: Int.self) == 1 }
            if !isReadOnly && !made {
                try write(as: StatusStore.seedRecorder) { sql in
                    guard try sql.value("SELECT COUNT(*) FROM meta WHERE key = 'created_at'", as: Int.self) == 0 else { return }
                    try sql.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", [StatusStore.timestamp().databaseValue])
                    try seed?(sql)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch is WorkCancelled {
            throw .cancelled(path: path)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// A connection, within a few seconds or not at all (unless the store's own words say how
    /// long), and kept alive so a server that vanished without a word is noticed in a minute.
    private static func connect(_ conninfo: String, busyTimeout: TimeInterval) throws(PostgresError) -> PostgresConnection {
        let connection = try PostgresConnection(StoreLocation.adding(["connect_timeout": "5", "keepalives_idle": "30",
                                                                      "keepalives_interval": "10", "keepalives_count": "3"],
                                                                     to: conninfo))
        // Text goes both ways as UTF-8, whatever the environment or the database says; the
        // server's notices (a table already there) are not the user's business.
        try connection.query("SELECT set_config('client_encoding', 'UTF8', false)")
        try connection.query("SELECT set_config('client_min_messages', 'warning', false)")
        // A writer waits for another as long as on SQLite; then it gives up and says so.
        try connection.query("SELECT set_config('lock_timeout', $1, false)", ["\(Int(busyTimeout * 1000))ms"])
        return connection
    }

    /// When the last attempt to make the connection again failed: the next waits a while, so a
    /// server out of reach does not hold up every key of a dashboard.
    private var failedAt: Date?
    private static let retryAfter: TimeInterval = 5

    /// The connection, made again when it was lost (a restarted server, a dropped link).
    private func live() throws -> PostgresConnection {
        guard connection.isBroken else { return connection }
        if let failedAt, Date().timeIntervalSince(failedAt) < Self.retryAfter {
            throw PostgresError(sqlState: "08001", message: "the server could not be reached a moment ago")
        }
        do {
            connection = try Self.connect(conninfo, busyTimeout: busyTimeout)
            failedAt = nil
            listening = false
            return connection
        } catch {
            failedAt = Date()
            throw error
        }
    }

    /// A read, tried once more on a new connection when the old one turns out lost: nothing was
    /// written, so nothing can be done twice.
    func read<T>(_ body: (any StoreSQL) throws -> T) throws -> T {
        do {
            return try transaction(on: live(), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
        } catch let error as PostgresError where error.isConnectionLost {
            return try transaction(on: live(), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
        }
    }

    /// A write is not tried again: when the link drops at its commit, whether it was committed
    /// cannot be known here, and the user is told so. Read committed whatever the database's
    /// default: each statement after the writers' lock sees what the writer before committed.
    func write<T>(as writer: String?, _ body: (any StoreSQL) throws -> T) throws -> T {
        try transaction(on: live(), "BEGIN ISOLATION LEVEL READ COMMITTED") { sql in
            try sql.execute("SELECT set_config('hetao.writer', ?, true)", [(writer ?? self.writer).databaseValue])
            try sql.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLock))", [])
            return try body(sql)
        }
    }

    /// On a connection made for it and closed after: a long read (every report of a past day)
    /// holds a second connection only while it runs.
    func readAside<T>(_ body: (any StoreSQL) throws -> T) throws -> T {
        try transaction(on: Self.connect(conninfo, busyTimeout: busyTimeout), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// `body` in a transaction begun with `begin`: committed, or rolled back when it throws.
    private func transaction<T>(on connection: PostgresConnection, _ begin: String, _ body: (any StoreSQL) throws -> T) throws -> T {
        try connection.execute(begin)
        let result: T
        do {
            result = try body(PostgresSQL(connection: connection))
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        do {
            try connection.execute("COMMIT")
        } catch let error where error.isConnectionLost {
            throw StoreError.commitUnknown(path: path)
        }
        return result
    }

    /// The session's connection, listening for every insert's notice; made again when lost, once
    /// the server is back (meanwhile nil, and the dashboard polls).
    /// Nil also when there is something to read that the socket will not say: a notice that
    /// came in while the connection ran a statement of its own, or anything committed before a
    /// new connection began to listen. The dashboard then polls once and reads it.
    var changes: Int32? {
        guard let connection = try? live() else { return nil }
        if !listening {
            listening = (try? connection.execute("LISTEN \(PostgresSchema.channel)")) != nil
            return nil
        }
        return connection.hasQueuedNotifications ? nil : connection.socket
    }

    /// A lost connection leaves the socket readable for good: reading it finds the loss, and
    /// the next use makes a new connection.
    func drainChanges() {
        _ = try? connection.notifications()
    }

    /// The newest record's id: records are only ever added, and writers take turns, so it grows
    /// with every commit.
    func dataVersion() throws -> Int64 {
        Int64(try live().query("SELECT COALESCE(max(id), 0) FROM record")[0, 0] ?? "0") ?? 0
    }

    func now() throws -> String {
        try live().query("SELECT to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")[0, 0]
            ?? StatusStore.timestamp()
    }

    func translate(_ error: any Error) -> StoreError { Self.translate(error, path: path) }

    /// Nothing to undo: a first import or restore runs in one transaction, rolled back whole.
    func discardIfNew() {}

    static func translate(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? PostgresError else { return .failed(path: path, reason: "\(error)") }
        if error.isConnectionLost { return .unreachable(path: path, reason: error.message) }
        switch error.sqlState ?? "" {
        case "42501", "25006": return .readOnly(path: path)
        case "55P03", "57014", "40P01": return .locked(path: path)
        case "23505" where error.message.contains("record_corrected_once"):
            return .rejected(path: path, reason: "a record can be corrected only once: supersede its correction instead")
        case let state where state == "P0001" || state.hasPrefix("23"): return .rejected(path: path, reason: error.message)
        default: return .failed(path: path, reason: error.message)
        }
    }
}
