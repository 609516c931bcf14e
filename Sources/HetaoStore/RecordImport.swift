import Foundation
import HetaoDomain

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
    public func importCSV(_ data: Data, programme: Programme, today: Day, recordedBy user: String,
                          dryRun: Bool) throws(ImportError) -> ImportSummary {
        let parsed: RecordCSV.Parsed
        do { parsed = try RecordCSV.parseRows(data) } catch { throw .rows(error.rows, warnings: []) }
        let rows = parsed.records
        do {
            let validator = RecordValidator(programme: programme, today: today, latest: try latest())
            var errors = parsed.problems
            var warnings: [RecordCSV.RowProblem] = []
            for (line, record) in rows {
                for issue in validator.check(record, existing: { try? self.record(id: $0) }) {
                    let problem = RecordCSV.RowProblem(line: line, message: issue.message)
                    if issue.severity == .error { errors.append(problem) } else { warnings.append(problem) }
                }
            }
            if !errors.isEmpty { throw ImportError.rows(errors.sorted { $0.line < $1.line }, warnings: warnings) }
            let records = rows.map { row -> StatusRecord in
                var record = row.record
                if record.recordedBy.isEmpty { record.recordedBy = user }
                return record
            }
            if dryRun { return ImportSummary(records: records, warnings: warnings, dryRun: true) }
            return ImportSummary(records: try append(records), warnings: warnings, dryRun: false)
        } catch let error as ImportError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.failed(path: path, reason: "\(error)"))
        }
    }
}
