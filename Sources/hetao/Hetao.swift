import ArgumentParser
import Foundation
import HetaoData
import HetaoDomain
import HetaoReport

/// `hetao`: the Hetao Hong Kong Park construction dashboard. With no subcommand it opens the
/// dashboard in a terminal, or prints the text report when there is none to draw on.
@main
struct Hetao: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "hetao",
        abstract: "Monitor the Hetao Hong Kong Park construction programme: phases, buildings and budget.",
        discussion: """
        With no subcommand, opens the interactive dashboard. When standard input or output is \
        not a terminal (a pipe, cron, ssh without -t) it prints the text report instead.
        """,
        version: version,
        subcommands: [Dashboard.self, Report.self, Validate.self, Record.self, Import.self, History.self, Export.self],
        defaultSubcommand: Dashboard.self
    )
}

/// Options shared by every command that reads a dataset.
struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the programme from this YAML file instead of the bundled dataset.",
                                            valueName: "file"))
    var dataset: String?

    /// The programme, or an exit with every problem listed (65) or the file unreadable (66).
    func load() throws -> Programme {
        do {
            if let dataset { return try DatasetLoader.load(path: dataset) }
            return try DatasetLoader.loadBundled()
        } catch {
            Console.error(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}

/// Writing to the standard streams without going through `print`'s buffering surprises.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
