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
