import GRDB

/// The SQL the store's rules are written in, on one connection to SQLite or to PostgreSQL. Most
/// of it is the same on both; where the two differ (a JSON list, the store's stamps) the
/// dialect says how. Placeholders are `?` (in order) or `?N`; values are GRDB's
/// `DatabaseValue`s either way.
protocol StoreSQL {
    var dialect: StoreDialect { get }
    /// Calls `body` with each row of `sql`, in order.
    func each(_ sql: String, _ arguments: [DatabaseValue], _ body: (StoreRow) throws -> Void) throws
    func execute(_ sql: String, _ arguments: [DatabaseValue]) throws
}

extension StoreSQL {
    func rows(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> [StoreRow] {
        var rows: [StoreRow] = []
        try each(sql, arguments) { rows.append($0) }
        return rows
    }

    /// The first column of the first row, when there is one and it is not NULL.
    func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: [DatabaseValue] = [], as type: T.Type = T.self) throws -> T? {
        var found: T?
        try each(sql, arguments) { row in if found == nil { found = T.fromDatabaseValue(row[0]) } }
        return found
    }
}

/// A row of a result on either database: its values, found by column name or position.
struct StoreRow {
    /// Each column's position, by its lowercased name; shared by a result's rows.
    let positions: [String: Int]
    let values: [DatabaseValue]

    subscript(_ index: Int) -> DatabaseValue { values[index] }
    /// A column the statement lacks reads as NULL.
    subscript(_ column: String) -> DatabaseValue { positions[column].map { values[$0] } ?? .null }
}

/// Where SQLite and PostgreSQL spell the same thing differently.
enum StoreDialect {
    case sqlite, postgres

    /// The texts of a JSON array bound to `placeholder`, as a subquery's column `value`.
    func texts(_ placeholder: String) -> String {
        switch self {
        case .sqlite: return "SELECT value FROM json_each(\(placeholder))"
        case .postgres: return "SELECT value FROM jsonb_array_elements_text(CAST(\(placeholder) AS jsonb)) AS value"
        }
    }

    /// The whole numbers of a JSON array bound to `placeholder`, as a subquery's column `value`.
    func integers(_ placeholder: String) -> String {
        switch self {
        case .sqlite: return texts(placeholder)
        case .postgres: return "SELECT CAST(value AS bigint) FROM jsonb_array_elements_text(CAST(\(placeholder) AS jsonb)) AS value"
        }
    }

    /// How many records one insert statement carries: on SQLite one (its cached statement costs
    /// no round trip); on PostgreSQL as many as there are (they go by COPY).
    var rowsPerInsert: Int { self == .sqlite ? 1 : .max }

    /// The most values one statement may bind: SQLite's default limit, PostgreSQL's protocol's.
    var maxParameters: Int { self == .sqlite ? 32_766 : 65_535 }

    /// What an insert writes into `recorded_at` and `recorded_by`: on SQLite the store's clock
    /// and writer, which its trigger demands; on PostgreSQL anything, as its trigger stamps them.
    var stamps: String {
        switch self {
        case .sqlite: return "\(StoreSchema.now), \(StoreSchema.writerFunction)()"
        case .postgres: return "'', ''"
        }
    }

    /// What sets the store's stamping aside for one transaction (a restore, which writes the
    /// stamps an export kept), and what puts it back, afterwards in the same transaction.
    var stampsAside: [String] {
        switch self {
        case .sqlite: return ["DROP TRIGGER record_is_stamped_by_the_store"]
        case .postgres: return ["SELECT set_config('hetao.restoring', 'on', true)"]
        }
    }

    var stampsBack: [String] {
        switch self {
        case .sqlite: return [StoreSchema.stampTrigger]
        case .postgres:
            // Ids given by the export: new records are numbered after them.
            return ["SELECT set_config('hetao.restoring', 'off', true)",
                    "SELECT setval(pg_get_serial_sequence('record', 'id'), (SELECT max(id) FROM record))"]
        }
    }

    /// A query that answers 1 when the table `name` exists.
    func tableExists(_ name: String) -> String {
        switch self {
        case .sqlite: return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '\(name)'"
        case .postgres: return "SELECT COUNT(*) FROM pg_class WHERE relname = '\(name)' AND relkind = 'r' AND pg_table_is_visible(oid)"
        }
    }

    /// What lets an insert give the ids itself (a restore): on PostgreSQL ids are the store's
    /// to give, unless a statement says otherwise.
    var givenIDs: String { self == .sqlite ? "" : "OVERRIDING SYSTEM VALUE" }

    /// An index to read by, where the planner must be told (SQLite's `INDEXED BY`).
    func indexedBy(_ index: String) -> String { self == .sqlite ? "INDEXED BY \(index)" : "" }
}

/// A GRDB connection to SQLite, as `StoreSQL`.
struct SQLiteSQL: StoreSQL {
    let db: Database
    var dialect: StoreDialect { .sqlite }

    func each(_ sql: String, _ arguments: [DatabaseValue], _ body: (StoreRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let positions = Dictionary(statement.columnNames.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
        let count = statement.columnCount
        while let row = try rows.next() {
            try body(StoreRow(positions: positions, values: (0..<count).map { row[$0] }))
        }
    }

    /// A statement with values is prepared once and kept (an import runs it a row at a time); one
    /// without may be several statements (a schema), run as they are.
    func execute(_ sql: String, _ arguments: [DatabaseValue]) throws {
        if arguments.isEmpty {
            try db.execute(sql: sql)
        } else {
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
        }
    }
}
