import CLibpq
import Glibc

/// What PostgreSQL, or libpq on its way there, refused or could not do.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The SQLSTATE the server gave (`23505`, `P0001`); nil when the connection failed.
    public var sqlState: String?
    public var message: String

    public init(sqlState: String?, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    public var description: String { message }

    /// True when the server was not reached or the connection was lost (SQLSTATE class 08, an
    /// administrator's shutdown `57P01`–`57P03`): worth trying again later, unlike a refusal, a
    /// wrong password or a missing library.
    public var isConnectionLost: Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}

/// The rows a statement returned, as PostgreSQL's text forms; NULL as nil.
public struct PostgresRows: Sendable {
    public let count: Int
    /// The columns' names and type ids (`pg_type.oid`: 20 `bigint`, 701 `double precision`…).
    public let columns: [(name: String, type: UInt32)]
    private let values: [String?]

    init(count: Int, columns: [(name: String, type: UInt32)], values: [String?]) {
        (self.count, self.columns, self.values) = (count, columns, values)
    }

    public subscript(row: Int, column: Int) -> String? { values[row * columns.count + column] }
}

/// One connection to PostgreSQL through libpq, which is opened the first time one is made: a
/// store on SQLite never loads it. Used by one thread at a time; its `socket` becomes readable
/// when a notification arrives for a channel it listens on, so a dashboard sleeps until then.
public final class PostgresConnection {
    private let pq: UnsafePointer<hetao_pq>
    private var connection: OpaquePointer?

    /// The notifications that arrived while this connection ran its own statements: libpq read
    /// them off the socket, which will not wake anyone for them. `notifications()` takes them.
    private var queued: [(channel: String, payload: String)] = []
    public var hasQueuedNotifications: Bool { !queued.isEmpty }

    /// Connects with `conninfo`: a `postgres://` URL or libpq's `key=value` words.
    public init(_ conninfo: String) throws(PostgresError) {
        var error = [CChar](repeating: 0, count: 512)
        guard let pq = hetao_pq_load(&error, error.count) else {
            throw PostgresError(sqlState: nil, message: "cannot load libpq (install libpq5): \(text(error))")
        }
        self.pq = pq
        let connection = conninfo.withCString { pq.pointee.connectdb($0) }
        self.connection = connection
        if let connection { hetao_pq_silence(pq, connection) }
        guard let connection, pq.pointee.status(connection) == Int32(HETAO_CONNECTION_OK) else {
            let message = connection.map { Self.trimmed(text(pq.pointee.errorMessage($0))) } ?? "out of memory"
            if let connection { pq.pointee.finish(connection) }
            self.connection = nil
            throw PostgresError(sqlState: Self.isTransient(message) ? "08001" : nil, message: message)
        }
    }

    /// True for a failure to reach the server, which may pass (refused, no socket yet, timed
    /// out, shutting down), as against one that will not (a wrong password, no such database,
    /// a certificate that does not verify).
    static func isTransient(_ message: String) -> Bool {
        let passing = ["Connection refused", "No such file or directory", "timeout expired", "Network is unreachable",
                       "No route to host", "the database system is starting up", "the database system is shutting down",
                       "server closed the connection unexpectedly", "Connection reset by peer", "Temporary failure in name resolution",
                       "the database system is in recovery mode", "too many clients already"]
        return passing.contains { message.contains($0) }
    }

    deinit {
        if let connection { pq.pointee.finish(connection) }
    }

    /// True once the connection is lost: a new one must be made.
    public var isBroken: Bool { connection.map { pq.pointee.status($0) != Int32(HETAO_CONNECTION_OK) } ?? true }

    /// The descriptor to wait on for notifications; -1 when the connection is gone.
    public var socket: Int32 { connection.map { pq.pointee.socket($0) } ?? -1 }

    /// Runs one statement with `parameters` (text forms, `$1` and on; nil is NULL).
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        guard let connection else { throw PostgresError(sqlState: "08003", message: "the connection is closed") }
        let result: OpaquePointer? = withCStrings(parameters) { pointers in
            sql.withCString { pq.pointee.execParams(connection, $0, Int32(parameters.count), nil, pointers, nil, nil, 0) }
        }
        return try rows(of: result)
    }

    /// Runs statements separated by semicolons, with no parameters: a schema, a transaction's
    /// `BEGIN`.
    public func execute(_ sql: String) throws(PostgresError) {
        guard let connection else { throw PostgresError(sqlState: "08003", message: "the connection is closed") }
        _ = try rows(of: sql.withCString { pq.pointee.exec(connection, $0) })
    }

    /// Sends `lines` (COPY's text format, each ending in a newline) to a `COPY … FROM STDIN`.
    public func copy(_ sql: String, lines: some Sequence<String>) throws(PostgresError) {
        guard let connection else { throw PostgresError(sqlState: "08003", message: "the connection is closed") }
        let started = sql.withCString { pq.pointee.exec(connection, $0) }
        let status = started.map { pq.pointee.resultStatus($0) } ?? -1
        guard status == Int32(HETAO_PGRES_COPY_IN) else { _ = try rows(of: started); return }
        pq.pointee.clear(started)
        var sent = true
        for line in lines where sent {
            var line = line
            sent = line.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { pq.pointee.putCopyData(connection, $0.baseAddress, Int32($0.count)) == 1 }
            }
        }
        _ = pq.pointee.putCopyEnd(connection, sent ? nil : "stopped")
        var failure: PostgresError?
        while let result = pq.pointee.getResult(connection) {
            do { _ = try rows(of: result) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    /// The notifications that arrived, oldest first: channel and payload. Reads what the socket
    /// has without waiting.
    public func notifications() throws(PostgresError) -> [(channel: String, payload: String)] {
        guard let connection else { throw PostgresError(sqlState: "08003", message: "the connection is closed") }
        guard pq.pointee.consumeInput(connection) == 1 else {
            throw PostgresError(sqlState: "08006", message: Self.trimmed(text(pq.pointee.errorMessage(connection))))
        }
        takeQueued()
        defer { queued = [] }
        return queued
    }

    /// Takes the notifications libpq has already read, counting them for the caller.
    private func takeQueued() {
        guard let connection else { return }
        while let notice = pq.pointee.notifies(connection) {
            queued.append((text(notice.pointee.relname), text(notice.pointee.extra)))
            pq.pointee.freemem(notice)
        }
    }

    /// The result's rows, or its error; the result is freed.
    private func rows(of result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        defer { takeQueued() }
        guard let result else {
            let message = connection.map { text(pq.pointee.errorMessage($0)) } ?? "out of memory"
            throw PostgresError(sqlState: "08006", message: Self.trimmed(message))
        }
        defer { pq.pointee.clear(result) }
        let status = pq.pointee.resultStatus(result)
        guard status == Int32(HETAO_PGRES_TUPLES_OK) || status == Int32(HETAO_PGRES_COMMAND_OK)
                || status == Int32(HETAO_PGRES_EMPTY_QUERY) else {
            // An error libpq made itself, for a connection it lost, carries no state: it is one.
            let state = pq.pointee.resultErrorField(result, Int32(HETAO_PG_DIAG_SQLSTATE)).map { text($0) } ?? (isBroken ? "08006" : nil)
            let primary = pq.pointee.resultErrorField(result, Int32(HETAO_PG_DIAG_MESSAGE_PRIMARY)).map { text($0) }
            let message = primary ?? connection.map { Self.trimmed(text(pq.pointee.errorMessage($0))) } ?? "failed"
            throw PostgresError(sqlState: state, message: message)
        }
        let rowCount = Int(pq.pointee.ntuples(result)), columnCount = Int(pq.pointee.nfields(result))
        var values: [String?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if pq.pointee.getisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(pq.pointee.getlength(result, row, column))
                    let bytes = UnsafeRawPointer(pq.pointee.getvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
                    values.append(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
                }
            }
        }
        let columns = (0..<Int32(columnCount)).map { (text(pq.pointee.fname(result, $0)), UInt32(pq.pointee.ftype(result, $0))) }
        return PostgresRows(count: rowCount, columns: columns, values: values)
    }

    /// libpq's message on one line: its line breaks and indents (a hint on a line of its own)
    /// become single spaces.
    private static func trimmed(_ message: String) -> String {
        message.split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .map { line in String(line.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// A C string libpq returned; empty for none.
private func text(_ string: UnsafePointer<CChar>?) -> String {
    guard let string else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: string, count: strlen(string)), as: UTF8.self)
}

/// A C string in a buffer, up to its terminator.
private func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `strings` as C strings for the length of `body`; nil stays a null pointer.
private func withCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
