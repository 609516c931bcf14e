import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoDomain
import HetaoStore
import HetaoText
import TerminalKit

extension Hetao {
    /// Lists every record about one building, allocation or milestone.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show the recorded history of a building, allocation or milestone, corrections included.")

        @Argument(help: "A building, allocation or milestone: its id, or a building's label as shown (\"Site A\").",
                  completion: .custom { _, _, prefix in ShellCompletion.subjects(startingWith: prefix) })
        var name: String
        @OptionGroup var data: DatasetOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let programme = try data.load()
            guard let id = programme.id(named: name) else {
                let hint = programme.suggestion(for: name, among: programme.subjectNames.map(\.id)).map { "; did you mean \($0)?" } ?? ""
                Console.error("hetao: no building, allocation or milestone \(VisibleText.quoted(name))\(hint)")
                throw ExitCode(65)
            }
            let statusStore = try store.choice.open(seedingFrom: programme)
            let records: [StatusRecord]
            do { records = try statusStore.history(of: id) } catch {
                Console.error("hetao: \(error)")
                throw ExitCode(error.exitCode)
            }
            let supersededBy = Dictionary(records.compactMap { r in r.supersedes.map { ($0, r.id) } }, uniquingKeysWith: { $1 })
            var out = "History of \(id) (\(records.count) record\(records.count == 1 ? "" : "s"); times in \(LocalTime.zone))\n"
            for r in records {
                var marks = ""
                if let by = supersededBy[r.id] { marks += " [superseded by #\(by)]" }
                if let target = r.supersedes { marks += " [corrects #\(target)]" }
                out += "#\(r.id)  \(r.asOf.iso)  \(r.kind.rawValue)  \(TextOutput.line(Texts.english.summary(r)))\(marks)\n"
                let made = "\(LocalTime.second(of: r.recordedAt)) by \(TextOutput.line(r.recordedBy))"
                out += "      " + (r.origin.map {
                    "imported \(made), originally recorded \(TextOutput.line(LocalTime.second(of: $0.recordedAt))) by \(TextOutput.line($0.recordedBy)); "
                } ?? "recorded \(made); ")
                    + "source: \(TextOutput.line(r.source))" + (r.note.isEmpty ? "" : "; note: \(TextOutput.line(r.note))") + "\n"
            }
            Console.out(out)
            if store.choice.tellUnreadable(statusStore) { throw ExitCode(65) }
        }
    }

    /// Writes every record out, in a form `hetao import` reads back.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export every status record as JSON or CSV (the CSV restores a store exactly, or imports into another).",
            discussion: """
            CSV cells that a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return, \
            other than plain numbers) are written with a leading ' and imported back without it. Records that \
            cannot be read are named on standard error, left out, and the exit status is 65.
            """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

        @Option(name: .long, help: "json or csv.") var format: Format = .csv
        @Option(name: .long, help: ArgumentHelp(
            "Write to this file instead of standard output; it is replaced only once the export is complete.",
            valueName: "file"))
        var output: String?
        @OptionGroup var data: DatasetOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let statusStore = try store.choice.open(seedingFrom: try data.load())
            let display = ProgressDisplay(task: "exporting", quiet: store.quiet)
            let made = Result { () throws(StoreError) -> String in
                let records = try statusStore.allRecords(progress: display.progress)
                do {
                    return try format == .csv ? RecordCSV.write(records, progress: display.progress)
                        : RecordJSON.encode(records, progress: display.progress)
                } catch { throw .cancelled(path: statusStore.path) }
            }
            var written = Result<Void, OutputFile.Failure>.success(())
            if let output, case .success(let text) = made {
                written = Result { () throws(OutputFile.Failure) in
                    try OutputFile.write(text, to: output, stop: { SignalFlag.pending != nil })
                }
            }
            display.finish()
            switch (made, written) {
            case (.failure(.cancelled), _), (_, .failure(.stopped)):
                Console.error("hetao: export cancelled; nothing written")
                throw ExitCode(130)
            case (.failure(let error), _):
                Console.error("hetao: \(error)")
                throw ExitCode(error.exitCode)
            case (_, .failure(.cannotWrite(let reason))):
                Console.error("hetao: \(output ?? ""): cannot write the export: \(reason)")
                throw ExitCode(73)
            case (.success(let text), .success):
                if output == nil { Console.out(text) }
            }
            if store.choice.tellUnreadable(statusStore) {
                Console.error("hetao: the export is incomplete: \(statusStore.unreadable.count) record"
                              + "\(statusStore.unreadable.count == 1 ? "" : "s") could not be read")
                throw ExitCode(65)
            }
        }
    }
}
