import ArgumentParser
import Glibc
import HetaoCommandLine

/// `hetao-serve`: the SSH server and the users file's commands. People run them as `hetao serve`
/// and `hetao users`, which become this program with the same arguments; the service runs it
/// directly. The commands' options are defined once, in `HetaoCommandLine`, for both programs;
/// what they do is here (`RunsHere`).
@main
struct HetaoServeProgram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hetao-serve",
        abstract: "The SSH server of the Hetao Hong Kong Park dashboard, and who may connect to it.",
        discussion: "People run these as hetao serve and hetao users; with no subcommand, serves.",
        version: HetaoVersion.number,
        subcommands: [ServeCommand.self, UsersCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    static func main() {
        // Its sessions' processes may hand over in their turn (`hetao users` over SSH).
        unsetenv(ServerProgram.handedOver)
        ServeSession.bind()
        // What is not carried out here is the parser's own (help).
        parseAndRun(Array(CommandLine.arguments.dropFirst()), running: { command in
            if let here = command as? RunsHere { return try here.runHere() }
            var own = command
            try own.run()
        })
    }
}

/// A command of `hetao` that this program carries out.
protocol RunsHere {
    func runHere() throws
}
