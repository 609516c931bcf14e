import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoBrief
import HetaoConfig
import HetaoDomain
import HetaoStore

extension Hetao {
    /// The weekly brief: one page for the meeting and the email.
    struct Brief: ParsableCommand {
        enum Format: String, CaseIterable, ExpressibleByArgument {
            case html, md, text
        }

        static let configuration = CommandConfiguration(
            commandName: "brief",
            abstract: "Write the weekly brief: one page with the Gantt, the S-curve and the money, as HTML, Markdown or text.",
            discussion: """
                The brief says where the programme stands, what needs attention (slips, buildings behind plan, \
                milestones overdue or due in 30 days), the money (approved, committed, spent, SPI and CPI), what \
                changed in the period (net), and the sources every row cites by number. HTML is one self-contained \
                file (inline SVG and CSS, system fonts) that prints on one or two A4 pages. With --output DIR the \
                brief is written there (brief.html, brief.md with gantt.svg, s-curve.svg and budget.svg beside it, \
                or brief.txt); without it, to standard output (Markdown then without its pictures). Values marked * \
                are illustrative: not published.
                """
        )

        @OptionGroup var data: DatasetOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        @Option(name: .long, help: "Output format (html, md, text).")
        var format: Format = .html

        @Option(name: .long, help: ArgumentHelp(
            "The period's first day (default: the day of your last marked meeting, else seven days to --until).",
            valueName: "date"))
        var since: Day?

        @Option(name: .long, help: ArgumentHelp(
            "The period's last day (default: today, or --as-known-on); the brief shows the store as known at its end.",
            valueName: "date"))
        var until: Day?

        @Option(name: .long, help: ArgumentHelp(
            "The store as it was known at the end of this day (YYYY-MM-DD): later records and corrections left out.",
            valueName: "date"))
        var asKnownOn: Day?

        @OptionGroup var width: WidthOption

        @Option(name: .long, help: ArgumentHelp("Write the brief (and its pictures) into this folder.", valueName: "dir"))
        var output: String?

        func validate() throws {
            if let since, let until, since > until {
                throw ValidationError("--since \(since.iso) is after --until \(until.iso)")
            }
            if let until, let asKnownOn, until > asKnownOn {
                throw ValidationError("--until \(until.iso) is after --as-known-on \(asKnownOn.iso): the store is not known that far")
            }
            if let until, until > Today.day { throw ValidationError("--until \(until.iso) has not come yet (today is \(Today.day.iso))") }
        }

        /// The day every figure is shown as known on: the period's end, where it is past.
        private var knownOn: Day? {
            if let asKnownOn { return asKnownOn }
            return until.flatMap { $0 < Today.day ? $0 : nil }
        }

        func run() throws {
            let settings = try UserConfig.settings(SettingFlags(), file: try UserConfig.load())
            let dataset = try data.load()
            let feed = try store.choice.openFeed(dataset)
            let reading = try Reading(dataset, feed: feed, settings: settings, knownOn: knownOn,
                                      since: since ?? lastMeeting(until: until ?? knownOn ?? Today.day), until: until,
                                      changes: true)
            if let feed { store.choice.tellUnreadable(feed.store) }
            let brief = HetaoBrief.Brief(programme: reading.programme, reckoning: reading.reckoning,
                                         period: reading.since...reading.until, changes: reading.changes, derived: reading.derived,
                                         progress: feed?.progress(reading.programme.progressRequest(knownOn: knownOn)) ?? .reports([]),
                                         // HTML and Markdown are UTF-8 whatever the locale; text on a terminal follows it.
                                         language: format == .text && output == nil ? language.forPrinting : language.requested)
            guard let output else {
                switch format {
                case .html: Console.out(brief.html())
                case .md:
                    Console.out(brief.markdown(pictures: false))
                    Console.error("hetao: the pictures are written with --output DIR, beside brief.md.")
                case .text: Console.out(brief.text(width: width.columns))
                }
                return
            }
            let files: [(String, String)]
            switch format {
            case .html: files = [("brief.html", brief.html())]
            case .md: files = [("brief.md", brief.markdown(pictures: true))] + brief.pictures
            case .text: files = [("brief.txt", brief.text(width: width.width ?? 100))]
            }
            try write(files, into: output)
        }

        /// Each file whole or not at all, in `folder` (made when missing).
        private func write(_ files: [(String, String)], into folder: String) throws {
            // The folder and those above it, as `mkdir -p` makes them; the system's reason if not.
            var made = folder.hasPrefix("/") ? "" : "."
            for part in folder.split(separator: "/") {
                made += "/" + part
                if mkdir(made, 0o777) != 0 && errno != EEXIST {
                    Console.error("hetao: \(folder): cannot make the folder: \(String(cString: strerror(errno)))")
                    throw ExitCode(73)
                }
            }
            for (name, text) in files {
                let path = (folder as NSString).appendingPathComponent(name)
                do {
                    try OutputFile.write(text, to: path, stop: { false })
                } catch .cannotWrite(let reason) {
                    Console.error("hetao: \(path): cannot write the brief: \(reason)")
                    throw ExitCode(73)
                } catch {
                    throw ExitCode(130)
                }
            }
        }

        /// The day of the user's last marked meeting, when it is before `until`; else a week to `until`.
        private func lastMeeting(until: Day) -> Day? {
            guard let stamp = UserVisits(user: Recorder.user).meeting, let t = LocalTime.parts(of: stamp),
                  let day = Day(year: Int(t.tm_year) + 1900, month: Int(t.tm_mon) + 1, day: Int(t.tm_mday)), day <= until
            else { return nil }
            return day
        }
    }
}
