import HetaoBundled
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

    /// Runs the command line. Every message goes through `Console.error`, which shows control
    /// characters as escapes: the argument parser's own messages quote what was typed.
    static func main() {
        ServeSession.bind()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Scripts and packages ask this often: answered before the parser is built.
        if arguments == ["--version"] { return Console.out(version + "\n") }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Console.out(message + "\n") }
            } else {
                if !message.isEmpty { Console.error(message) }
                if code == .validationFailure, let negative = arguments.first(where: { $0.wholeMatch(of: /-[0-9][0-9.,]*/) != nil }) {
                    Console.error("hetao: \(negative) was read as an option: percentages are 0-100 and amounts cannot be negative "
                                  + "(to pass a value that starts with '-', put -- before it)")
                }
            }
            Foundation.exit(code.rawValue)
        }
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
                      Restore.self, Config.self, Serve.self, Users.self],
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
            return try BundledDataset.load()
        } catch {
            Console.error(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}

/// Writing to the standard streams without going through `print`'s buffering surprises.
enum Console {
    /// Standard output, written whole; a full disk or a broken device ends the program with a
    /// message and EX_IOERR (74), a reader gone (a closed pipe) quietly with 141, as SIGPIPE
    /// would: never a crash.
    static func out(_ text: String) {
        guard write(text, to: STDOUT_FILENO) else {
            if errno == EPIPE { Foundation.exit(141) }
            error("hetao: cannot write standard output: \(String(cString: strerror(errno)))")
            Foundation.exit(74)
        }
    }

    /// Whether all of `text` went to `fd`; `errno` says why not.
    private static func write(_ text: String, to fd: Int32) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }

    /// A message, each of its lines with control characters shown as escapes: messages quote
    /// input, which must never act on the terminal.
    static func error(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { VisibleText.escaped(String($0)) }
        let shown = lines.joined(separator: "\n")
        _ = write(shown.hasSuffix("\n") ? shown : shown + "\n", to: STDERR_FILENO)
    }
}
