import HetaoBundled
import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoData
import HetaoDomain
import HetaoReport

/// `hetao`: the Hetao Hong Kong Park construction dashboard. With no subcommand it opens the
/// dashboard in a terminal, or prints the text report when there is none to draw on.
@main
struct Hetao: ParsableCommand {
    static let version = HetaoVersion.number

    /// Runs the command line. `hetao serve` and `hetao users` become `hetao-serve` before any
    /// parsing. Two are answered without building the parser at all: `--version`, which scripts
    /// and packages ask often, and `hetao` alone, the dashboard every SSH session starts.
    static func main() {
        ServeSession.bind()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] { return Console.out(version + "\n") }
        if arguments.isEmpty { finish { try Dashboard.open(DashboardRequest()) } }
        if let first = arguments.first, [ServeCommand.configuration.commandName, UsersCommand.configuration.commandName].contains(first) {
            do { try ServerProgram.handOver() } catch { Foundation.exit(exitCode(for: error).rawValue) }
        }
        parseAndRun(arguments, failed: { code, arguments in
            if code == .validationFailure, let negative = arguments.first(where: { $0.wholeMatch(of: /-[0-9][0-9.,]*/) != nil }) {
                Console.error("hetao: \(negative) was read as an option: percentages are 0-100 and amounts cannot be negative "
                              + "(to pass a value that starts with '-', put -- before it)")
            }
        })
    }

    static let configuration = CommandConfiguration(
        commandName: "hetao",
        abstract: "Monitor the Hetao Hong Kong Park construction programme: phases, buildings and budget.",
        discussion: """
        With no subcommand, opens the interactive dashboard. When standard input or output is \
        not a terminal (a pipe, cron, ssh without -t) it prints the text report instead.
        """,
        version: version,
        subcommands: [Dashboard.self, Report.self, Brief.self, Validate.self, Record.self, Import.self, History.self, Export.self,
                      Restore.self, Config.self, ServeCommand.self, UsersCommand.self],
        defaultSubcommand: Dashboard.self
    )
}

/// Options shared by every command that reads a dataset.
struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the programme from this YAML file instead of the bundled dataset.",
                                            valueName: "file"))
    var dataset: String?

    /// The programme, or an exit with every problem listed (65) or the file unreadable (66).
    func load() throws -> Programme { try Self.load(dataset) }

    /// The programme in the file `dataset`, else the bundled one.
    static func load(_ dataset: String?) throws -> Programme {
        do {
            if let dataset { return try DatasetLoader.load(path: dataset, cache: DatasetCache(environment: ProcessEnvironment.variables)) }
            return try BundledDataset.load()
        } catch {
            Console.error(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}
