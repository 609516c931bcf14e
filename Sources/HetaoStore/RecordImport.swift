import Foundation
import HetaoDomain
import HetaoText

/// The result of importing a CSV file.
public struct ImportSummary: Sendable {
    /// The records stored (or, in a dry run, that would be), with their ids when stored.
    public var records: [StatusRecord]
    /// Warnings by line; the rows were kept.
    public var warnings: [RecordCSV.RowProblem]
    public var dryRun: Bool
}

/// Why nothing was imported: every bad row, or a store that cannot take the records.
public enum ImportError: Error, Sendable {
    case rows([RecordCSV.RowProblem], warnings: [RecordCSV.RowProblem])
    case store(StoreError)
}

extension StatusStore {
    /// Parses, checks and stores a CSV file of records in one transaction: all rows or none.
    /// The store stamps each record as it is imported (now, by `writer`); stamps the file
    /// carries become the record's origin. Reading, checking and writing tell `progress`;
    /// stopped, it stores nothing.
    public func importCSV(_ data: Data, programme: Programme, today: Day, dryRun: Bool, progress: WorkProgress = .unwatched) throws(ImportError) -> ImportSummary {
        var parsed: RecordCSV.Parsed
        do { parsed = try RecordCSV.parseRows(data, progress: progress) } catch {
            throw error.cancelled ? .store(.cancelled(path: path)) : .rows(error.rows, warnings: [])
        }
        // The file's stamps are the records' origin; the store stamps them as they are stored.
        for i in parsed.rows.indices {
            var record = parsed.rows[i].record
            if record.origin == nil, !record.recordedAt.isEmpty || !record.recordedBy.isEmpty {
                record.origin = RecordOrigin(recordedAt: record.recordedAt, recordedBy: record.recordedBy)
            }
            record.recordedAt = ""
            record.recordedBy = writer
            parsed.rows[i].record = record
        }
        do {
            let latest = try latest()
            let validator = RecordValidator(programme: programme, today: today, latest: latest)
            var errors = parsed.problems
            var warnings = parsed.warnings
            // Which line of the file already corrects a record (by store id) or a row (by position).
            var correctorOfRecord: [Int64: Int] = [:]
            var correctorOfRow: [Int: Int] = [:]
            for (done, row) in parsed.rows.enumerated() {
                try progress.report(.checking, done + 1, of: parsed.rows.count)
                var target: CorrectionTarget?
                if let position = row.supersedesRow {
                    let old = parsed.rows[position]
                    target = .found(old.record, name: "line \(old.line)", correctedBy: correctorOfRow[position].map { "line \($0)" })
                    if old.record.slot == row.record.slot { correctorOfRow[position] = correctorOfRow[position] ?? row.line }
                } else if let id = row.record.supersedes {
                    target = try correctionTarget(id)
                    if case .found(let old, let name, nil) = target, old.slot == row.record.slot {
                        if let line = correctorOfRecord[id] { target = .found(old, name: name, correctedBy: "line \(line)") }
                        correctorOfRecord[id] = correctorOfRecord[id] ?? row.line
                    }
                }
                for issue in validator.check(row.record, correcting: target) {
                    let problem = RecordCSV.RowProblem(line: row.line, message: Texts.english.problem(issue.problem))
                    if issue.severity == .error { errors.append(problem) } else { warnings.append(problem) }
                }
            }
            warnings.sort { $0.line < $1.line }
            if !errors.isEmpty { throw ImportError.rows(errors.sorted { $0.line < $1.line }, warnings: warnings) }
            let pending = parsed.rows.map { PendingRecord(record: $0.record, supersedesRow: $0.supersedesRow) }
            if dryRun { return ImportSummary(records: pending.map(\.record), warnings: warnings, dryRun: true) }
            return ImportSummary(records: try append(pending, curve: CurveWeights(programme: programme.applying(latest)), progress: progress), warnings: warnings, dryRun: false)
        } catch is WorkCancelled {
            throw .store(.cancelled(path: path))
        } catch let error as ImportError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.failed(path: path, reason: "\(error)"))
        }
    }
}
