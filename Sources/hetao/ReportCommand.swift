import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoConfig
import HetaoDomain
import HetaoReport
import HetaoStore

extension ReportSection: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {
    /// `md` is the documented name; `markdown` is understood too.
    public init?(argument: String) {
        guard let format = argument == "markdown" ? .markdown : ReportFormat(rawValue: argument) else { return nil }
        self = format
    }
}

extension Hetao {
    /// Prints what the dashboard shows, with no terminal UI.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Print the dashboard's figures as text, Markdown, JSON or CSV.",
            discussion: "JSON is described in docs/report-json.md. Values marked * (text, Markdown) or listed in the "
                + "'illustrative' column (CSV) or with confidence \"illustrative\" (JSON) are not published."
        )

        @OptionGroup var data: DatasetOptions
        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "Only this section (\(ReportSection.allCases.map(\.rawValue).joined(separator: ", "))).")
        var section: [ReportSection] = []

        @OptionGroup var language: LanguageOption

        @Option(name: .long, help: "Output format (\(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))).")
        var format: ReportFormat = .text

        @OptionGroup var width: WidthOption

        @Option(name: .long, help: ArgumentHelp(
            "Report the store as it was known at the end of this day (YYYY-MM-DD): later records and corrections left out.",
            valueName: "date"))
        var asKnownOn: Day?

        @Option(name: .long, help: ArgumentHelp(
            "For the changes section: what changed from the start of this day (default: six days before --until).",
            valueName: "date"))
        var since: Day?

        @Option(name: .long, help: ArgumentHelp(
            "For the changes section: what changed up to the end of this day (default: the day shown, today or --as-known-on).",
            valueName: "date"))
        var until: Day?

        func validate() throws {
            if let since, let until, since > until {
                throw ValidationError("--since \(since.iso) is after --until \(until.iso)")
            }
        }

        func run() throws {
            let settings = try UserConfig.settings(SettingFlags(), file: try UserConfig.load())
            let dataset = try data.load()
            let feed = try store.choice.openFeed(dataset)
            let sections = section.isEmpty ? ReportSection.allCases : section
            let reading = try Reading(dataset, feed: feed, settings: settings, knownOn: asKnownOn, since: since, until: until,
                                      changes: sections.contains(.changes))
            if let feed { store.choice.tellUnreadable(feed.store) }
            let report = reading.report(sections: sections, language: format == .json ? .english : language.forPrinting,
                                        width: width.columns)
            Console.out(report.render(format))
        }
    }
}
