import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoStore

extension Hetao {
    /// Imports a batch of status reports from CSV, all or nothing.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import status records from a CSV file, in one transaction: all rows or none.",
            discussion: """
            Columns (header row required; kind, subject, as_of and source must be present): \
            \(RecordCSV.columns.joined(separator: ", ")). kind is progress, milestone, leasing or spend; \
            money is whole HK dollars. Every bad row is listed as FILE:LINE: reason and nothing is stored. \
            Each record is stamped with the time and who imports it; recorded_at and recorded_by in the \
            file (an export from another store) are kept as the record's origin. To copy a store exactly, \
            use restore. \
            A cell starting with ' followed by =, +, -, @, tab or carriage return loses that one ' (how \
            an export protects spreadsheets). A dry run, or an import that fails, creates no store.
            """
        )

        @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "file.csv")) var file: String
        @Flag(name: .long, help: "Check every row and say what would be imported, without storing anything.")
        var dryRun = false
        @OptionGroup var data: DatasetOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let (file, bytes) = try InputFile.read(self.file)
            let programme = try data.load()
            // A new store takes the file's records, stamped now (`restore` copies a store). A dry
            // run creates nothing: it checks a new store's rows against an empty one in memory.
            let path = try store.choice.path
            let isNew = !FileManager.default.fileExists(atPath: path)
            let statusStore: StatusStore
            if dryRun && isNew {
                do { statusStore = try StatusStore(inMemory: (), writer: Recorder.name(storing: path)) } catch {
                    Console.error("hetao: \(error)")
                    throw ExitCode(error.exitCode)
                }
            } else {
                statusStore = try store.choice.open(seedingFrom: nil)
            }
            // A first import that fails leaves no store behind.
            var imported = false
            defer { if !imported { statusStore.discardIfNew() } }
            let display = ProgressDisplay(task: "importing", quiet: store.quiet)
            let outcome = Result { () throws(ImportError) in
                try statusStore.importCSV(bytes, programme: programme, today: Today.day, dryRun: dryRun,
                                          progress: display.progress)
            }
            display.finish()
            do {
                let summary = try outcome.get()
                for warning in summary.warnings { Console.error("\(file):\(warning.line): warning: \(warning.message)") }
                if summary.dryRun {
                    Console.out("\(file): \(summary.records.count) records would be imported (dry run; nothing stored)\n")
                } else {
                    let ids = summary.records.isEmpty ? "" : " (#\(summary.records.first!.id)-#\(summary.records.last!.id))"
                    Console.out("\(file): imported \(summary.records.count) records\(ids)\n")
                    Recorder.auditImport(summary.records)
                }
                imported = !summary.dryRun
            } catch {
                switch error {
                case let .rows(problems, warnings):
                    for problem in problems { Console.error("\(file):\(problem.line): \(problem.message)") }
                    for warning in warnings { Console.error("\(file):\(warning.line): warning: \(warning.message)") }
                    Console.error("hetao: \(file): \(problems.count) bad row\(problems.count == 1 ? "" : "s"); nothing imported")
                    throw ExitCode(65)
                case .store(.cancelled):
                    Console.error("hetao: \(file): import cancelled; nothing imported")
                    throw ExitCode(130)
                case let .store(storeError):
                    Console.error("hetao: \(storeError)")
                    throw ExitCode(storeError.exitCode)
                }
            }
        }
    }
}
