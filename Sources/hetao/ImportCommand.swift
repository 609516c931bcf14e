import ArgumentParser
import Foundation
import HetaoDomain
import HetaoStore

extension Hetao {
    /// Imports a batch of status reports from CSV, all or nothing.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import status records from a CSV file, in one transaction: all rows or none.",
            discussion: """
            Columns (header row required; kind, subject, as_of and source must be present): \
            \(RecordCSV.columns.joined(separator: ", ")). kind is progress, milestone, leasing or spend; \
            money is whole HK dollars. Every bad row is listed as FILE:LINE: reason and nothing is stored. \
            An export (`hetao export --format csv`) imports as it is.
            """
        )

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file.csv")) var file: String
        @Flag(name: .long, help: "Check every row and say what would be imported, without storing anything.")
        var dryRun = false
        @OptionGroup var data: DatasetOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            guard let bytes = FileManager.default.contents(atPath: file) else {
                Console.error("hetao: \(file): cannot read the file (no such file, or no permission)")
                throw ExitCode(66)
            }
            let rows: [(line: Int, record: StatusRecord)]
            do { rows = try RecordCSV.parse(bytes) } catch {
                for problem in error.rows { Console.error("\(file):\(problem.line): \(problem.message)") }
                Console.error("hetao: \(file): \(error.rows.count) bad row\(error.rows.count == 1 ? "" : "s"); nothing imported")
                throw ExitCode(65)
            }
            let programme = try data.load()
            let statusStore = try store.open(seedingFrom: programme)
            do {
                let validator = RecordValidator(programme: programme, today: Today.day, latest: try statusStore.latest())
                let user = StatusStore.currentUser
                var errors = 0
                for (line, record) in rows {
                    for issue in validator.check(record, existing: { try? statusStore.record(id: $0) }) {
                        Console.error("\(file):\(line): \(issue)")
                        if issue.severity == .error { errors += 1 }
                    }
                }
                if errors > 0 {
                    Console.error("hetao: \(file): \(errors) error\(errors == 1 ? "" : "s"); nothing imported")
                    throw ExitCode(65)
                }
                if dryRun {
                    Console.out("\(file): \(rows.count) records would be imported (dry run; nothing stored)\n")
                    return
                }
                let records = rows.map { row -> StatusRecord in
                    var record = row.record
                    if record.recordedBy.isEmpty { record.recordedBy = user }
                    return record
                }
                let saved = try statusStore.append(records)
                Console.out("\(file): imported \(saved.count) records (#\(saved.first!.id)-#\(saved.last!.id))\n")
            } catch let error as StoreError {
                Console.error("hetao: \(error)")
                throw ExitCode(error.exitCode)
            }
        }
    }
}
