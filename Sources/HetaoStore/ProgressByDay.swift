import Foundation
import GRDB
import GRDBSQLite
import HetaoDomain

/// The reported S-curve kept as daily sums: for each batch and day, the change that day's
/// reports made to the weighted percent (floor area × percent, summed over the batch's planned
/// buildings), and how many standing reports are dated that day. A curve over a million reports
/// then reads a few thousand rows.
///
/// The weights are the dataset's (`CurveWeights`), not the store's, so the sums are kept by
/// hetao as it appends, not by a trigger, and are stamped with the weights' fingerprint and the
/// newest record they cover. A reader uses them only when both still hold: records written by
/// another tool, or by a hetao with another dataset, leave them stale, and the curve is read
/// from the reports (the same figures, slower) until the next append rebuilds them. Like
/// `record_progress`, the table is not a schema version: a store without it reads the reports.
enum ProgressByDay {
    static let table = """
        CREATE TABLE IF NOT EXISTS progress_by_day (
            batch TEXT NOT NULL, as_of TEXT NOT NULL, change DOUBLE PRECISION NOT NULL, reports BIGINT NOT NULL,
            PRIMARY KEY (batch, as_of))
        """

    /// The `meta` key of the sums' stamp: the weights' fingerprint and the newest record id.
    static let stampKey = "progress_by_day"

    /// More buildings than this touched by one append, and the sums are made again whole: one
    /// pass over every report costs less than reading so many buildings' reports twice.
    static let rebuildBeyond = 256

    /// The daily sums of `batches` (nil: all), oldest first; nil when they are missing or stale.
    static func read(_ sql: any StoreSQL, batches: [String]?, weights: String) throws -> [DailyChange]? {
        guard try isCurrent(sql, weights: weights) else { return nil }
        let query = """
            SELECT as_of, SUM(change) FROM progress_by_day
            \(batches == nil ? "" : "WHERE batch IN (\(sql.dialect.texts("?")))")
            GROUP BY as_of HAVING SUM(reports) > 0 ORDER BY as_of
            """
        return try sql.rows(query, batches.flatMap(jsonList).map { [$0.databaseValue] } ?? []).compactMap { row in
            guard let day = String.fromDatabaseValue(row[0]).flatMap(Day.init(iso:)), let change = Double.fromDatabaseValue(row[1]) else {
                return nil
            }
            return DailyChange(day: day, weighted: change)
        }
    }

    /// True when the sums were made with `weights` and cover the newest record.
    static func isCurrent(_ sql: any StoreSQL, weights: String) throws -> Bool {
        guard try sql.value(sql.dialect.tableExists("progress_by_day"), as: Int.self) == 1,
              let stamp = try sql.value("SELECT value FROM meta WHERE key = ?", [stampKey.databaseValue], as: String.self) else {
            return false
        }
        return stamp == self.stamp(weights, newest: try newestRecord(sql))
    }

    private static func newestRecord(_ sql: any StoreSQL) throws -> Int64 {
        try sql.value("SELECT max(id) FROM record", as: Int64.self) ?? 0
    }

    private static func stamp(_ weights: String, newest: Int64) -> String { "\(weights) \(newest)" }

    /// Runs `append`, which writes `records`, and keeps the sums with it, in the same
    /// transaction: piece by piece when the sums were current, else made again whole.
    static func keep<T>(_ sql: any StoreSQL, weights: CurveWeights, records: [StatusRecord], during append: () throws -> T) throws -> T {
        let pieces = try isCurrent(sql, weights: weights.fingerprint) ? try self.pieces(sql, of: records, weights: weights) : nil
        let before = try pieces?.map { try sums(sql, over: $0) }
        let result = try append()
        guard let pieces, let before else {
            try rebuild(sql, weights: weights)
            return result
        }
        try add(sql, zip(pieces, before).map { piece, old in (try sums(sql, over: piece), old) })
        try stamp(sql, weights)
        return result
    }

    /// The sums now cover every record, made with `weights`.
    private static func stamp(_ sql: any StoreSQL, _ weights: CurveWeights) throws {
        try sql.execute("""
            INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, [stampKey.databaseValue, stamp(weights.fingerprint, newest: try newestRecord(sql)).databaseValue])
    }

    /// The part of one building's reports that an append can change: from the first day it
    /// dates a report (or withdraws one, correcting it) through the first day reported after
    /// the last. Reports after that count the same, as the value before them is unchanged.
    private struct Piece {
        var subject: String
        var weight: CurveWeights.Weight
        var from: String
        var through: String?
    }

    /// The pieces `records` touch, found before they are written; nil when they touch so many
    /// buildings that making the sums again whole costs less.
    private static func pieces(_ sql: any StoreSQL, of records: [StatusRecord], weights: CurveWeights) throws -> [Piece]? {
        var days: [String: (first: String, last: String)] = [:]
        for record in records where record.kind == .progress && weights.byBuilding[record.subject] != nil {
            var dated = [record.asOf.iso]
            if let corrected = record.supersedes,
               let day = try sql.value("SELECT as_of FROM record WHERE id = ?", [corrected.databaseValue], as: String.self) {
                dated.append(day)
            }
            let known = days[record.subject] ?? (dated[0], dated[0])
            days[record.subject] = (min(known.first, dated.min()!), max(known.last, dated.max()!))
        }
        guard days.count <= rebuildBeyond else { return nil }
        return try days.map { subject, span in
            // The building's next readable report: one another tool damaged counts for nothing, in
            // the sums as in the curve.
            let later = """
                SELECT as_of, percent FROM record AS r WHERE subject = ? AND kind = 'progress' AND as_of > ? AND percent IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id) ORDER BY as_of, id
                """
            let arguments = [subject.databaseValue, span.last.databaseValue]
            var next: String?
            var found = false
            try sql.each(later + " LIMIT 1", arguments) { row in
                found = true
                if report(row) != nil { next = String.fromDatabaseValue(row[0]) }
            }
            if found && next == nil {
                try sql.each(later, arguments) { row in
                    if next == nil, report(row) != nil { next = String.fromDatabaseValue(row[0]) }
                }
            }
            return Piece(subject: subject, weight: weights.byBuilding[subject]!, from: span.first, through: next)
        }
    }

    /// One building's share of the sums over a piece, by day: its weighted change that day and
    /// its reports.
    private struct Sums {
        var batch: String
        var byDay: [Int: (change: Double, reports: Int)] = [:]
    }

    private static func sums(_ sql: any StoreSQL, over piece: Piece) throws -> Sums {
        let standing = "subject = ? AND kind = 'progress' AND percent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id)"
        // The building's figure before the piece: its last report dated earlier.
        // Its last one, unless another tool damaged that: then the last readable one.
        let earlier = "SELECT as_of, percent FROM record AS r WHERE \(standing) AND as_of < ? ORDER BY as_of DESC, id DESC"
        let arguments = [piece.subject.databaseValue, piece.from.databaseValue]
        var prior: Double?
        var found = false
        try sql.each(earlier + " LIMIT 1", arguments) { row in
            found = true
            prior = report(row)?.percent
        }
        if found && prior == nil {
            try sql.each(earlier, arguments) { row in
                if prior == nil { prior = report(row)?.percent }
            }
        }
        var sums = Sums(batch: piece.weight.batch)
        var current = prior ?? 0
        try sql.each("SELECT as_of, percent FROM record AS r WHERE \(standing) AND as_of >= ? AND as_of <= ? ORDER BY as_of, id",
                     [piece.subject, piece.from, piece.through ?? "9999-12-31"].map(\.databaseValue)) { row in
            guard let report = report(row) else { return }
            let day = sums.byDay[report.day] ?? (0, 0)
            sums.byDay[report.day] = (day.change + (report.percent - current) * piece.weight.weight, day.reports + 1)
            current = report.percent
        }
        return sums
    }

    /// A report's day (as YYYYMMDD) and percent from a row of `as_of, percent`; nil for a row
    /// another tool damaged.
    private static func report(_ row: StoreRow) -> (day: Int, percent: Double)? {
        guard let text = String.fromDatabaseValue(row[0]), let day = Day(iso: text), text.utf8.count == 10 else { return nil }
        switch row[1].storage {
        case .double(let value) where value.isFinite: return (day.year * 10_000 + day.month * 100 + day.day, value)
        case .int64(let value): return (day.year * 10_000 + day.month * 100 + day.day, Double(value))
        default: return nil
        }
    }

    /// Adds `new` to the stored sums and takes `old` away; a day left with no report goes.
    /// Adds each new share to the stored sums and takes its old one away, summed first over
    /// the buildings, so a day many of them reported on is written once; a day left with no
    /// report goes.
    private static func add(_ sql: any StoreSQL, _ changes: [(new: Sums, old: Sums)]) throws {
        struct Key: Hashable {
            var batch: String
            var day: Int
        }
        var difference: [Key: (change: Double, reports: Int)] = [:]
        for (new, old) in changes {
            for (day, sums) in new.byDay {
                let now = difference[Key(batch: new.batch, day: day)] ?? (0, 0)
                difference[Key(batch: new.batch, day: day)] = (now.change + sums.change, now.reports + sums.reports)
            }
            for (day, sums) in old.byDay {
                let now = difference[Key(batch: old.batch, day: day)] ?? (0, 0)
                difference[Key(batch: old.batch, day: day)] = (now.change - sums.change, now.reports - sums.reports)
            }
        }
        let rows = difference.compactMap { key, sums in
            sums.reports != 0 || sums.change != 0 ? day(key.day).map { (key.batch, $0, sums.change, sums.reports) } : nil
        }
        try write(sql, rows, onConflict: """
            DO UPDATE SET change = progress_by_day.change + excluded.change, reports = progress_by_day.reports + excluded.reports
            """)
        for batch in Set(rows.filter { $0.3 < 0 }.map(\.0)) {
            try sql.execute("DELETE FROM progress_by_day WHERE batch = ? AND reports <= 0", [batch.databaseValue])
        }
    }

    /// The sums made again from every standing report (a new or restored store, or sums
    /// that another writer left stale).
    static func rebuild(_ sql: any StoreSQL, weights: CurveWeights) throws {
        var current: [String: Double] = [:]
        var byBatchDay: [String: [Day: (change: Double, reports: Int)]] = [:]
        for point in try StatusStore.progressPoints(sql, of: nil, asKnownOn: nil) {
            guard let weight = weights.byBuilding[point.subject] else { continue }
            let sums = byBatchDay[weight.batch, default: [:]][point.asOf] ?? (0, 0)
            byBatchDay[weight.batch, default: [:]][point.asOf] = (sums.change + (point.percent - current[point.subject, default: 0]) * weight.weight,
                                                               sums.reports + 1)
            current[point.subject] = point.percent
        }
        try sql.execute(table, [])
        try sql.execute("DELETE FROM progress_by_day", [])
        try write(sql, byBatchDay.flatMap { batch, days in days.map { (batch, $0.key, $0.value.change, $0.value.reports) } },
                  onConflict: nil)
        try stamp(sql, weights)
    }

    /// Writes rows of the sums, as many a statement as the database takes well.
    private static func write(_ sql: any StoreSQL, _ rows: [(batch: String, day: Day, change: Double, reports: Int)],
                              onConflict: String?) throws {
        let perStatement = sql.dialect.maxParameters / 4
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            start = chunk.endIndex
            try sql.execute("""
                INSERT INTO progress_by_day (batch, as_of, change, reports)
                VALUES \(Array(repeating: "(?, ?, ?, ?)", count: chunk.count).joined(separator: ", "))
                \(onConflict.map { "ON CONFLICT (batch, as_of) " + $0 } ?? "")
                """, chunk.flatMap { [$0.batch.databaseValue, $0.day.iso.databaseValue, $0.change.databaseValue, $0.reports.databaseValue] })
        }
    }

    /// A progress report's day (as YYYYMMDD) and percent, read straight from the columns of
    /// `statement`'s current row; nil for a row another tool damaged, which is left out of the
    /// curve as it is of the figures.
    static func report(_ statement: OpaquePointer?, day: Int32, percent: Int32) -> (day: Int, percent: Double)? {
        guard sqlite3_column_type(statement, day) == SQLITE_TEXT, sqlite3_column_bytes(statement, day) == 10,
              let text = sqlite3_column_text(statement, day), let key = dayKey(text) else { return nil }
        switch sqlite3_column_type(statement, percent) {
        case SQLITE_FLOAT:
            let value = sqlite3_column_double(statement, percent)
            return value.isFinite ? (key, value) : nil
        case SQLITE_INTEGER: return (key, Double(sqlite3_column_int64(statement, percent)))
        default: return nil
        }
    }

    /// `YYYY-MM-DD` as the number YYYYMMDD, which sorts as the days do; nil when a byte is not
    /// where a digit or a dash must be.
    private static func dayKey(_ text: UnsafePointer<UInt8>) -> Int? {
        var key = 0
        for offset in 0..<10 {
            let byte = text[offset]
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            key = key * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return key
    }

    /// `values` as a JSON array, for `json_each`.
    static func jsonList(_ values: [String]) -> String? {
        (try? JSONEncoder().encode(values)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The day a key stands for; nil for one that is no day (2026-02-30).
    static func day(_ key: Int) -> Day? { Day(year: key / 10_000, month: key / 100 % 100, day: key % 100) }
}
