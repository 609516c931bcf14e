import Foundation
import PostgresClient

/// A database of its own on the test cluster, dropped afterwards. The cluster is named by
/// `HETAO_TEST_POSTGRES`, a libpq conninfo in `key=value` words (`.ci/run` starts one with
/// `Tests/EndToEnd/postgres-cluster`); without it the PostgreSQL tests are skipped, unless
/// `HETAO_REQUIRE_POSTGRES=1` says they must run.
final class PostgresTestDatabase: @unchecked Sendable {
    static let server = ProcessInfo.processInfo.environment["HETAO_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let isRequired = ProcessInfo.processInfo.environment["HETAO_REQUIRE_POSTGRES"] == "1"
    static var isAvailable: Bool { server != nil }

    let name: String
    /// The conninfo of this database: the cluster's, its database named last (libpq takes the last).
    let conninfo: String

    init() throws {
        guard let server = Self.server else { throw PostgresError(sqlState: nil, message: "HETAO_TEST_POSTGRES is not set") }
        name = "hetao_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresConnection(server).query("CREATE DATABASE \(name)")
        conninfo = server + " dbname=\(name)"
    }

    /// A connection that writes as `writer` (nil: names no writer, as psql would not).
    func connect(writer: String? = "tester") throws -> PostgresConnection {
        let connection = try PostgresConnection(conninfo)
        if let writer { try connection.query("SELECT set_config('hetao.writer', $1, false)", [writer]) }
        return connection
    }

    deinit {
        if let server = Self.server { _ = try? PostgresConnection(server).query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }
}
