import Foundation
import GRDB
import HetaoDomain
import HetaoText

/// Why a restore stored nothing: rows that cannot be restored as they are, or a store that
/// cannot take them.
public enum RestoreError: Error, Sendable {
    case rows([RecordCSV.RowProblem])
    case notEmpty(path: String, records: Int)
    case store(StoreError)
}

extension StatusStore {
    /// Rebuilds a new, empty store from a CSV export, losslessly: each record keeps its id, its
    /// stamps (`recorded_at`, `recorded_by`) and its origin, so the history, time travel and the
    /// changes are what they were where it was exported. This is the one way a stamp reaches the
    /// store from outside, and it only ever builds a whole store: into a store that holds
    /// anything it is refused, and an import into an existing store is stamped anew.
    /// Each record must still meet the rules it met when it was made (checked against
    /// `programme`, on the day it was recorded), so a hand-edited file cannot smuggle in what
    /// `record` would refuse. Reading and writing tell `progress`; stopped, it stores nothing.
    public func restore(_ data: Data, programme: Programme, progress: WorkProgress = .unwatched) throws(RestoreError)
        -> [StatusRecord] {
        let parsed: RecordCSV.Parsed
        do { parsed = try RecordCSV.parseRows(data, progress: progress) } catch {
            throw error.cancelled ? .store(.cancelled(path: path)) : .rows(error.rows)
        }
        var problems = parsed.problems
        var records: [StatusRecord] = []
        var lineOfID: [Int64: Int] = [:]
        for row in parsed.rows {
            var record = row.record
            if let missing = Self.restoreProblem(row) {
                problems.append(RecordCSV.RowProblem(line: row.line, message: missing))
                continue
            }
            let id = Int64(row.id)!
            if let first = lineOfID[id] {
                problems.append(RecordCSV.RowProblem(line: row.line, message: "id \(id) is also on line \(first)"))
                continue
            }
            lineOfID[id] = row.line
            record.id = id
            if let position = row.supersedesRow {
                record.supersedes = Int64(parsed.rows[position].id)
            } else if let target = record.supersedes {
                problems.append(RecordCSV.RowProblem(line: row.line, message: "supersedes \(target), which no earlier row of the file is"))
                continue
            }
            // The rules the record met when it was made, on the day it was made.
            let made = LocalDay.day(of: record.recordedAt).adding(days: 1)
            for issue in RecordValidator(programme: programme, today: made, latest: []).check(record) where issue.severity == .error {
                problems.append(RecordCSV.RowProblem(line: row.line, message: Texts.english.problem(issue.problem)))
            }
            records.append(record)
        }
        if !problems.isEmpty { throw .rows(problems.sorted { $0.line < $1.line }) }
        records.sort { $0.id < $1.id }
        guard !isReadOnly else { throw .store(.readOnly(path: path)) }
        do {
            try backend.write(as: nil) { sql in
                let held = try sql.value("SELECT COUNT(*) FROM record", as: Int.self) ?? 0
                guard held == 0 else { throw RestoreError.notEmpty(path: path, records: held) }
                // Within this one transaction, nobody else sees the store without its stamping rule.
                for statement in sql.dialect.stampsAside { try sql.execute(statement, []) }
                for (done, record) in records.enumerated() {
                    try RecordRow.restore(record, sql)
                    try progress.report(.writing, done + 1, of: records.count)
                }
                for statement in sql.dialect.stampsBack { try sql.execute(statement, []) }
                try ProgressByDay.rebuild(sql, weights: CurveWeights(programme: programme))
            }
            return records
        } catch let error as RestoreError {
            throw error
        } catch is WorkCancelled {
            throw .store(.cancelled(path: path))
        } catch {
            throw .store(translate(error))
        }
    }

    /// Ids from 1 to 2^53: what an export of a store holds, leaving the store room to count on.
    static let largestID: Int64 = 1 << 53

    /// What a row lacks to be restored as it was, if anything. A stamp is taken as it was
    /// written (stores before v5 kept an import's own), but it must start with its day.
    private static func restoreProblem(_ row: RecordCSV.Row) -> String? {
        guard let id = Int64(row.id), (1...largestID).contains(id) else {
            return row.id.isEmpty ? "no id: a restore takes an export, whose every row has its record id"
                : "id \(VisibleText.quoted(row.id)) is not a record id (a whole number from 1 to 2^53)"
        }
        let stamp = row.record.recordedAt
        guard Day(iso: String(stamp.prefix(10))) != nil, VisibleText.firstControlCharacter(in: stamp) == nil else {
            return "recorded_at \(VisibleText.quoted(stamp)) is not a time a store recorded (YYYY-MM-DDTHH:MM:SS.sssZ)"
        }
        guard !row.record.recordedBy.isEmpty else { return "recorded_by is empty" }
        guard VisibleText.firstControlCharacter(in: row.record.recordedBy) == nil else {
            return "recorded_by \(VisibleText.quoted(row.record.recordedBy)) has a control character"
        }
        return nil
    }
}
