import ArgumentParser
import Foundation
import HetaoReport

extension Hetao {
    /// The interactive dashboard; the text report when there is no terminal to draw on.
    struct Dashboard: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the interactive dashboard (the default).",
            discussion: "Keys: press ? in the dashboard. Without a terminal, prints the text report."
        )

        @OptionGroup var data: DatasetOptions

        @Flag(name: .long, help: "Draw lines and bars with ASCII only, whatever the locale.")
        var ascii = false

        @Flag(name: .long, help: "No colour (also when NO_COLOR is set).")
        var noColor = false

        func run() throws {
            let programme = try data.load()
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                Console.out(HetaoReport.Report(programme: programme, width: Hetao.Report.terminalWidth()).render(.text))
                return
            }
            Console.out(HetaoReport.Report(programme: programme, width: Hetao.Report.terminalWidth()).render(.text))
        }
    }
}
