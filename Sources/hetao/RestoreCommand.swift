import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoStore

extension Hetao {
    /// Rebuilds a store from an export, stamps and all: the backup's other half.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Rebuild a new, empty status store from a CSV export, exactly as it was exported.",
            discussion: """
            Every record keeps its id, its recorded_at and recorded_by stamps and its origin, so history, \
            time travel (--as-known-on) and the changes read as they did where the export was made. A restore \
            only makes a whole store: into a store that holds any record it is refused, and nothing is written. \
            To add records to a store use import, which stamps each record with the time and who imports it \
            and keeps the file's stamps as the record's origin. Not available over SSH.
            """)

        @Argument(help: ArgumentHelp("The CSV export (hetao export --format csv), or - for standard input.",
                                     valueName: "file.csv"))
        var file: String
        @OptionGroup var data: DatasetOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            guard !store.readOnly else {
                Console.error("hetao: restore writes a new store; --read-only forbids it")
                throw ExitCode(64)
            }
            let (file, bytes) = try InputFile.read(self.file)
            let programme = try data.load()
            let statusStore = try store.choice.open(seedingFrom: nil)
            var restored = false
            defer { if !restored { statusStore.discardIfNew() } }
            let display = ProgressDisplay(task: "restoring", quiet: store.quiet)
            let outcome = Result { () throws(RestoreError) in try statusStore.restore(bytes, programme: programme, progress: display.progress) }
            display.finish()
            switch outcome {
            case .success(let records):
                restored = true
                Console.out("\(statusStore.path): restored \(records.count) records from \(file)\n")
            case .failure(.rows(let problems)):
                for problem in problems { Console.error("\(file):\(problem.line): \(problem.message)") }
                Console.error("hetao: \(file): \(problems.count) row\(problems.count == 1 ? "" : "s") cannot be restored; "
                              + "nothing written")
                throw ExitCode(65)
            case .failure(.notEmpty(let path, let count)):
                Console.error("hetao: \(path): holds \(count) record\(count == 1 ? "" : "s") already; a restore makes a new "
                              + "store (give --store a new file), and import adds records to this one")
                throw ExitCode(73)
            case .failure(.store(.cancelled)):
                Console.error("hetao: \(file): restore cancelled; nothing written")
                throw ExitCode(130)
            case .failure(.store(let error)):
                Console.error("hetao: \(error)")
                throw ExitCode(error.exitCode)
            }
        }
    }
}
