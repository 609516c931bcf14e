import ArgumentParser
import Foundation
import HetaoDomain
import HetaoPanes
import HetaoReport
import HetaoStore
import HetaoViewModels
import NcursesBackend

extension Hetao {
    /// The interactive dashboard; the text report when there is no terminal to draw on.
    struct Dashboard: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the interactive dashboard (the default).",
            discussion: """
            Press ? in the dashboard for every key. Without a terminal (a pipe, cron, ssh without -t), \
            or on a terminal that cannot address the cursor (TERM=dumb), prints the text report instead.
            """
        )

        @OptionGroup var data: DatasetOptions

        @Flag(name: .long, help: "Draw lines and bars with ASCII only, whatever the locale.")
        var ascii = false

        @Flag(name: .long, help: "No colour (also when NO_COLOR is set).")
        var noColor = false

        @OptionGroup var store: StoreOptions

        @OptionGroup var language: LanguageOption

        @Option(name: .long, help: "Mark a building's progress stale when its latest report is older than this many days.")
        var staleDays = 30

        func validate() throws {
            guard staleDays >= 0 else { throw ValidationError("--stale-days must be 0 or more") }
        }

        func run() throws {
            let dataset = try data.load()
            let feed = try store.openFeed(dataset)
            let programme = feed?.poll() ?? dataset
            let report = {
                HetaoReport.Report(programme: programme, width: Hetao.Report.terminalWidth(), language: language.forPrinting)
                    .render(.text)
            }
            let terminal: NcursesTerminal
            do {
                let noColorEnv = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
                terminal = try NcursesTerminal(asciiOnly: ascii, colorWanted: !noColor && !noColorEnv)
            } catch TerminalError.notATerminal {
                Console.out(report())
                return
            } catch {
                Console.error("hetao: cannot open the dashboard: \(error); printing the text report instead.")
                Console.out(report())
                return
            }
            let status = DashboardLoop(programme: programme, backend: terminal, feed: feed, today: Today.day,
                                       staleAfterDays: staleDays, language: language.requested).run()
            terminal.restore()
            if let feed { store.tellUnreadable(feed.store) }
            if status != 0 { throw ExitCode(status) }
        }
    }
}
