import ArgumentParser
import Foundation

extension ParsableCommand {
    /// Parses `arguments` as this root command and runs the command they name, ending the
    /// process with its status. Every message goes through `Console.error`, which shows control
    /// characters as escapes: the argument parser's own messages quote what was typed.
    /// `failed` is told the status and the arguments after a failure's message, for a hint.
    public static func parseAndRun(_ arguments: [String], running run: (any ParsableCommand) throws -> Void = { var c = $0; try c.run() },
                                   failed: (ExitCode, [String]) -> Void = { _, _ in }) -> Never {
        finish(failed: { failed($0, arguments) }) { try run(try parseAsRoot(arguments)) }
    }

    /// Runs `body` and ends the process: 0, or the status and message of what it threw, as
    /// the parser would say them.
    public static func finish(failed: (ExitCode) -> Void = { _ in }, _ body: () throws -> Void) -> Never {
        do {
            try body()
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Console.out(message + "\n") }
            } else {
                if !message.isEmpty { Console.error(message) }
                failed(code)
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// The version both programs answer `--version` with.
public enum HetaoVersion {
    public static let number = "0.1.0"
}
