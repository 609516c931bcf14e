import Foundation
import GRDB
import PostgresClient

/// A libpq connection to PostgreSQL, as `StoreSQL`: placeholders become `$N`, values go as
/// text, and results come back typed by their columns' types.
struct PostgresSQL: StoreSQL {
    let connection: PostgresConnection
    var dialect: StoreDialect { .postgres }

    func each(_ sql: String, _ arguments: [DatabaseValue], _ body: (StoreRow) throws -> Void) throws {
        let result = try connection.query(Self.numbered(sql), arguments.map(Self.text))
        let positions = Dictionary(result.columns.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for row in 0..<result.count {
            try body(StoreRow(positions: positions, values: result.columns.indices.map { column in
                Self.value(result[row, column], type: result.columns[column].type)
            }))
        }
    }

    func execute(_ sql: String, _ arguments: [DatabaseValue]) throws {
        try connection.query(Self.numbered(sql), arguments.map(Self.text))
    }

    /// Inserts `rows` into `table` through COPY (no statement to parse, no parameter limit): into
    /// a temporary table first, then in one `INSERT … SELECT` in their order, so the table's
    /// triggers and rules apply to each as to any insert. Returns `returning` of each row, in
    /// order: ids are handed out in insertion order, and writers take turns.
    func copyInsert(into table: String, columns: String, types: [String], rows: [[DatabaseValue]],
                    extra: String, extraValues: String, returning: String) throws -> [StoreRow] {
        let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let staging = "hetao_incoming_" + table
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(staging) (\(zip(names, types).map { "\($0) \($1)" }.joined(separator: ", ")),
            position bigint) ON COMMIT DROP;
            TRUNCATE \(staging)
            """)
        try connection.copy("COPY \(staging) (\(columns), position) FROM STDIN", lines: rows.enumerated().lazy.map { i, row in
            row.map(Self.copyText).joined(separator: "\t") + "\t\(i)\n"
        })
        var inserted: [StoreRow] = []
        try each("""
            INSERT INTO \(table) (\(columns), \(extra)) SELECT \(columns), \(extraValues) FROM \(staging) ORDER BY position
            RETURNING \(returning)
            """, []) { inserted.append($0) }
        return inserted.sorted { (Int64.fromDatabaseValue($0[0]) ?? 0) < (Int64.fromDatabaseValue($1[0]) ?? 0) }
    }

    /// A value in COPY's text format: `\N` for NULL, backslashes and line breaks escaped.
    private static func copyText(_ value: DatabaseValue) -> String {
        guard let text = text(value) else { return "\\N" }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// `?` (in order) and `?N` as PostgreSQL's `$N`; a `?` inside quotes stays.
    static func numbered(_ sql: String) -> String {
        var out = ""
        var next = 1
        var quoted = false
        var scalars = sql.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if scalar == "'" { quoted.toggle() }
            guard scalar == "?", !quoted else {
                out.unicodeScalars.append(scalar)
                continue
            }
            var digits = ""
            while let digit = pending, ("0"..."9").contains(digit) {
                digits.unicodeScalars.append(digit)
                pending = scalars.next()
            }
            if digits.isEmpty {
                out += "$\(next)"
                next += 1
            } else {
                out += "$" + digits
            }
        }
        return out
    }

    /// A value as PostgreSQL reads it from text; nil is NULL.
    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i): return String(i)
        case .double(let d): return d.isFinite ? String(d) : (d.isNaN ? "NaN" : d > 0 ? "Infinity" : "-Infinity")
        case .string(let s): return s
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }

    /// A column's text as the value its type means: `bigint`, `integer` and `smallint` as whole
    /// numbers, `boolean` as 1 or 0, `double precision`, `real` and `numeric` as numbers, the rest
    /// as text.
    static func value(_ text: String?, type: UInt32) -> DatabaseValue {
        guard let text else { return .null }
        switch type {
        case 20, 21, 23: return Int64(text).map { $0.databaseValue } ?? text.databaseValue
        case 16: return (text == "t" ? 1 : 0 as Int64).databaseValue
        case 700, 701, 1700: return Double(text).map { $0.databaseValue } ?? text.databaseValue
        default: return text.databaseValue
        }
    }
}
