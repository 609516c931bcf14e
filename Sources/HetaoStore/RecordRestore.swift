import Foundation
import GRDB
import HetaoDomain

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
    /// Reading and writing tell `progress`; stopped, it stores nothing.
    public func restore(_ data: Data, progress: WorkProgress = .unwatched) throws(RestoreError) -> [StatusRecord] {
        let parsed: RecordCSV.Parsed
        do { parsed = try RecordCSV.parseRows(data, progress: progress) } catch {
            throw error.cancelled ? .store(.cancelled(path: path)) : .rows(error.rows)
        }
        var problems = parsed.problems
        var records: [StatusRecord] = []
        for row in parsed.rows {
            var record = row.record
            let missing = Self.restoreProblem(row)
            guard missing == nil, let id = Int64(row.id) else {
                problems.append(RecordCSV.RowProblem(line: row.line, message: missing ?? "id is not a record id"))
                continue
            }
            record.id = id
            if let position = row.supersedesRow { record.supersedes = Int64(parsed.rows[position].id) }
            records.append(record)
        }
        if !problems.isEmpty { throw .rows(problems.sorted { $0.line < $1.line }) }
        records.sort { $0.id < $1.id }
        guard !isReadOnly else { throw .store(.readOnly(path: path)) }
        do {
            try queue.write { db in
                let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0
                guard held == 0 else { throw RestoreError.notEmpty(path: path, records: held) }
                // Within this one transaction, nobody else sees the store without its stamping rule.
                try db.execute(sql: "DROP TRIGGER record_is_stamped_by_the_store")
                for (done, record) in records.enumerated() {
                    try RecordRow.restore(record, db)
                    try progress.report(.writing, done + 1, of: records.count)
                }
                try db.execute(sql: StoreSchema.stampTrigger)
            }
            return records
        } catch let error as RestoreError {
            throw error
        } catch is WorkCancelled {
            throw .store(.cancelled(path: path))
        } catch {
            throw .store(Self.translate(error, path: path))
        }
    }

    /// What a row lacks to be restored as it was, if anything.
    private static func restoreProblem(_ row: RecordCSV.Row) -> String? {
        guard let id = Int64(row.id), id > 0 else {
            return row.id.isEmpty ? "no id: a restore takes an export, whose every row has its record id"
                : "id \(VisibleText.quoted(row.id)) is not a record id (a whole number from 1)"
        }
        guard isStamp(row.record.recordedAt) else {
            return "recorded_at \(VisibleText.quoted(row.record.recordedAt)) is not a store's stamp (YYYY-MM-DDTHH:MM:SS.sssZ)"
        }
        return row.record.recordedBy.isEmpty ? "recorded_by is empty" : nil
    }

    /// Whether `text` reads as the store stamps time: `2026-11-27T07:40:21.123Z`.
    static func isStamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, Day(iso: String(text.prefix(10))) != nil else { return false }
        let shape = Array("0000-00-00T00:00:00.000Z".utf8)
        return zip(bytes, shape).allSatisfy { byte, expected in
            expected == UInt8(ascii: "0") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
        }
    }
}
