import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoDomain
import HetaoStore
import HetaoText

extension BuildingStatus: ExpressibleByArgument {}
extension BuildingEvent: ExpressibleByArgument {}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

/// Values typed on the command line, read by the same rules as an import: plain decimals for
/// percentages (not `0x32`, `1e2` or `nan`), money in exact whole dollars.
enum TypedValue {
    static func percent(_ text: String, _ name: String) throws -> Double {
        guard let value = DecimalText.number(text) else {
            throw ValidationError("\(name) \(VisibleText.quoted(text)) is not a number (write it as 52 or 52.5)")
        }
        return value
    }

    static func money(_ text: String?, _ name: String) throws -> HKD? {
        guard let text else { return nil }
        do { return try HKD.parse(text) } catch { throw ValidationError(error.message(name, text)) }
    }
}

/// What every record shares: when it is as of, why, where from, what it corrects; and the
/// dataset and store it is checked against and written to.
struct RecordOptions: ParsableArguments {
    @Option(name: .long, help: "The date the reported status refers to (YYYY-MM-DD; default today).")
    var asOf: Day?

    @Option(name: .long, help: "Where the figure comes from (a report, a meeting, a source id).")
    var source: String

    @Option(name: .long, help: "A note kept with the record.")
    var note = ""

    @Option(name: .long, help: ArgumentHelp("Correct the record with this id (see `hetao history`).", valueName: "id"))
    var supersedes: Int64?

    @OptionGroup var data: DatasetOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let supersedes, supersedes < 1 {
            throw ValidationError("--supersedes \(supersedes) is not a record id: ids are whole numbers from 1 "
                                  + "(see `hetao history`)")
        }
    }

    /// The as-of date given, else today.
    var day: Day { asOf ?? Today.day }

    /// Validates and appends one record; prints its id, or every error and exits 65.
    func save(_ record: StatusRecord) throws {
        let programme = try data.load()
        let statusStore = try store.choice.open(seedingFrom: programme)
        var record = record
        // What the screen shows ("Site A", site-a, b1-a) is recorded under its id.
        record.subject = programme.id(named: record.subject) ?? record.subject
        record.note = note
        record.source = source
        record.supersedes = supersedes
        do {
            if let supersedes, asOf == nil, case .found(let old, _, _) = try statusStore.correctionTarget(supersedes) {
                record.asOf = old.asOf  // a correction speaks of the same date as what it corrects
            }
            let offer = try statusStore.offer(record, dataset: programme, today: Today.day, acceptingWarnings: true)
            for issue in offer.issues { Console.error("hetao: \(Texts.english.issue(issue))") }
            store.choice.tellUnreadable(statusStore)
            guard let saved = offer.saved else { throw ExitCode(65) }
            Recorder.audit([saved])
            Console.out("recorded #\(saved.id): \(record.kind.rawValue) of \(record.subject) as of \(record.asOf.iso): "
                        + TextOutput.line(Texts.english.summary(record)) + "\n")
        } catch let error as StoreError {
            Console.error("hetao: \(error)")
            throw ExitCode(error.exitCode)
        }
    }
}

extension Hetao {
    /// Records a dated status report in the store.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record progress, a milestone date, leasing or spend in the status store.",
            discussion: """
            Records are never edited: to correct one, record again with --supersedes ID (a record is \
            corrected once; to correct it again, supersede its correction). Errors (unknown ids, \
            percentages outside 0-100, dates in the future or outside 1990-2100, negative money or more \
            than HK$1,000 bn, spend above the allocation, control characters in text) refuse the record \
            and exit 65; warnings (progress below the latest report, commitments above the allocation, \
            spend above commitments) are printed and the record kept.
            """,
            subcommands: [Progress.self, Milestone.self, Leasing.self, Spend.self]
        )

        struct Progress: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "progress", abstract: "Record a building's percent complete.")
            @Argument(help: "The building: its id or its label as shown (B1-A, \"Site A\", site-a).",
                      completion: .custom { _, _, prefix in ShellCompletion.subjects(startingWith: prefix) }) var building: String
            @Argument(help: "Percent complete, 0-100.") var percent: String
            @Option(name: .long, help: "The building's status, when it is not what the percentage implies.")
            var status: BuildingStatus?
            @OptionGroup var options: RecordOptions

            func validate() throws { _ = try TypedValue.percent(percent, "percent") }

            func run() throws {
                try options.save(StatusRecord(kind: .progress, subject: building, asOf: options.day, source: "",
                                              percent: try TypedValue.percent(percent, "percent"), status: status))
            }
        }

        struct Milestone: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "milestone",
                abstract: "Record a forecast or actual date of a building event or a programme milestone.")
            @Argument(help: "A building (with an event) or a milestone, by id or label.",
                      completion: .custom { _, _, prefix in ShellCompletion.subjects(startingWith: prefix) }) var subject: String
            @Argument(help: "For a building: start, topping-out or completion.") var event: BuildingEvent?
            @Option(name: .long, help: "The forecast date (YYYY-MM-DD).") var forecast: Day?
            @Option(name: .long, help: "The actual date (YYYY-MM-DD).") var actual: Day?
            @OptionGroup var options: RecordOptions

            func run() throws {
                try options.save(StatusRecord(kind: .milestone, subject: subject, event: event, asOf: options.day, source: "",
                                              forecast: forecast, actual: actual))
            }
        }

        struct Leasing: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "leasing", abstract: "Record the share of a building let, and its tenants.")
            @Argument(help: "The building, by id or label.",
                      completion: .custom { _, _, prefix in ShellCompletion.subjects(startingWith: prefix) }) var building: String
            @Argument(help: "Share let, 0-100.") var share: String
            @Option(name: .long, help: "The number of tenants.") var tenants: Int?
            @OptionGroup var options: RecordOptions

            func validate() throws { _ = try TypedValue.percent(share, "share") }

            func run() throws {
                try options.save(StatusRecord(kind: .leasing, subject: building, asOf: options.day, source: "",
                                              shareLet: try TypedValue.percent(share, "share"), tenants: tenants))
            }
        }

        struct Spend: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "spend",
                abstract: "Record money committed and spent against an allocation.",
                discussion: "Amounts as written in budget papers, in whole HK dollars: 12400000000, 12,400m, 12.4bn, HK$877m.")
            @Argument(help: "The allocation id.",
                      completion: .custom { _, _, prefix in ShellCompletion.subjects(startingWith: prefix) }) var allocation: String
            @Option(name: .long, help: "Committed to date.") var committed: String?
            @Option(name: .long, help: "Spent to date.") var spent: String?
            @OptionGroup var options: RecordOptions

            func validate() throws {
                _ = try TypedValue.money(committed, "--committed")
                _ = try TypedValue.money(spent, "--spent")
            }

            func run() throws {
                try options.save(StatusRecord(kind: .spend, subject: allocation, asOf: options.day, source: "",
                                              committed: try TypedValue.money(committed, "--committed"),
                                              spent: try TypedValue.money(spent, "--spent")))
            }
        }
    }
}
