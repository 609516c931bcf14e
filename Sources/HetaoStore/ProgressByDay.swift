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
            batch TEXT NOT NULL, as_of TEXT NOT NULL, change REAL NOT NULL, reports INTEGER NOT NULL,
            PRIMARY KEY (batch, as_of)) WITHOUT ROWID;
        """

    /// The `meta` key of the sums' stamp: the weights' fingerprint and the newest record id.
    static let stampKey = "progress_by_day"

    /// More buildings than this touched by one append, and the sums are made again whole: one
    /// pass over every report costs less than reading so many buildings' reports twice.
    static let rebuildBeyond = 256

    /// The daily sums of `batches` (nil: all), oldest first; nil when they are missing or stale.
    static func read(_ db: Database, batches: [String]?, weights: String) throws -> [DailyChange]? {
        guard try isCurrent(db, weights: weights) else { return nil }
        let sql = """
            SELECT as_of, SUM(change) FROM progress_by_day
            \(batches == nil ? "" : "WHERE batch IN (SELECT value FROM json_each(?))")
            GROUP BY as_of HAVING SUM(reports) > 0 ORDER BY as_of
            """
        let arguments: StatementArguments = batches.flatMap(jsonList).map { [$0] } ?? []
        return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            guard let day = Day(iso: row[0] as String? ?? ""), let change = row[1] as Double? else { return nil }
            return DailyChange(day: day, weighted: change)
        }
    }

    /// True when the sums were made with `weights` and cover the newest record.
    static func isCurrent(_ db: Database, weights: String) throws -> Bool {
        guard let stamp = try? String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [stampKey]),
              try db.tableExists("progress_by_day") else { return false }
        return stamp == self.stamp(weights, newest: try newestRecord(db))
    }

    private static func newestRecord(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM record") ?? 0
    }

    private static func stamp(_ weights: String, newest: Int64) -> String { "\(weights) \(newest)" }

    /// Runs `append`, which writes records about `subjects`, and keeps the sums with it, in the
    /// same transaction: by the buildings it touched when the sums were current, else whole.
    static func keep<T>(_ db: Database, weights: CurveWeights, subjects: Set<String>, during append: () throws -> T) throws -> T {
        let touched = subjects.compactMap { subject in weights.byBuilding[subject].map { (subject, $0) } }
        let piecewise = try touched.count <= rebuildBeyond && isCurrent(db, weights: weights.fingerprint)
        let before = piecewise ? try touched.map { try sums(db, of: $0.0, weighed: $0.1) } : []
        let result = try append()
        if piecewise {
            try db.execute(sql: table)
            for (i, (subject, weight)) in touched.enumerated() {
                try add(db, sums(db, of: subject, weighed: weight), less: before[i])
            }
        } else {
            try rebuild(db, weights: weights)
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       arguments: [stampKey, stamp(weights.fingerprint, newest: try newestRecord(db))])
        return result
    }

    /// One building's share of the sums, by day: its weighted change that day and its reports.
    private struct Sums {
        var batch: String
        var byDay: [Int: (change: Double, reports: Int)] = [:]
    }

    private static func sums(_ db: Database, of subject: String, weighed weight: CurveWeights.Weight) throws -> Sums {
        let statement = try db.makeStatement(sql: """
            SELECT as_of, percent FROM record AS r
            WHERE subject = ? AND kind = 'progress' AND percent IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id) ORDER BY as_of, id
            """)
        let rows = try Row.fetchCursor(statement, arguments: [subject])
        var sums = Sums(batch: weight.batch)
        var current = 0.0
        while try rows.next() != nil {
            guard let report = report(statement.sqliteStatement, day: 0, percent: 1) else { continue }
            let day = sums.byDay[report.day] ?? (0, 0)
            sums.byDay[report.day] = (day.change + (report.percent - current) * weight.weight, day.reports + 1)
            current = report.percent
        }
        return sums
    }

    /// Adds `new` to the stored sums and takes `old` away; a day left with no report goes.
    private static func add(_ db: Database, _ new: Sums, less old: Sums) throws {
        var difference = new.byDay
        for (day, sums) in old.byDay {
            let now = difference[day] ?? (0, 0)
            difference[day] = (now.change - sums.change, now.reports - sums.reports)
        }
        for (key, sums) in difference where sums.reports != 0 || sums.change != 0 {
            guard let day = day(key) else { continue }
            try db.execute(sql: """
                INSERT INTO progress_by_day (batch, as_of, change, reports) VALUES (?, ?, ?, ?)
                ON CONFLICT (batch, as_of) DO UPDATE SET change = change + excluded.change, reports = reports + excluded.reports
                """, arguments: [new.batch, day.iso, sums.change, sums.reports])
        }
        try db.execute(sql: "DELETE FROM progress_by_day WHERE batch = ? AND reports <= 0", arguments: [new.batch])
    }

    /// The sums made again from every standing report.
    static func rebuild(_ db: Database, weights: CurveWeights) throws {
        var current: [String: Double] = [:]
        var byBatchDay: [String: [Day: (change: Double, reports: Int)]] = [:]
        for point in try StatusStore.progressPoints(db, of: nil, asKnownOn: nil) {
            guard let weight = weights.byBuilding[point.subject] else { continue }
            let sums = byBatchDay[weight.batch, default: [:]][point.asOf] ?? (0, 0)
            byBatchDay[weight.batch, default: [:]][point.asOf] = (sums.change + (point.percent - current[point.subject, default: 0]) * weight.weight,
                                                               sums.reports + 1)
            current[point.subject] = point.percent
        }
        try db.execute(sql: table)
        try db.execute(sql: "DELETE FROM progress_by_day")
        let insert = try db.makeStatement(sql: "INSERT INTO progress_by_day (batch, as_of, change, reports) VALUES (?, ?, ?, ?)")
        for (batch, days) in byBatchDay {
            for (day, sums) in days { try insert.execute(arguments: [batch, day.iso, sums.change, sums.reports]) }
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
