import ArgumentParser
import Foundation
import HetaoDomain

/// `hetao users`: who may connect to `hetao serve`, changed with one command each. The users
/// file is edited in place (comments and order kept), checked whole, and replaced at once; a
/// running server picks the change up (at once with `--reload`, else within two seconds) and
/// closes what a removed key or a changed role no longer allows. Over SSH, administrators only.
/// The options are read here, in both programs; `hetao-serve` carries each command out.
public struct UsersCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "List and change who may connect to hetao serve: users, roles and keys.",
        discussion: """
        Roles: viewer (reads), recorder (also records), admin (also runs these commands over SSH). \
        The file is the one hetao serve uses: --users, else $HETAO_USERS, else users: under serve: \
        in the config file. Every change is written to the audit log by the server that reloads it.
        """,
        subcommands: [List.self, Add.self, Remove.self, SetRole.self, Key.self],
        defaultSubcommand: List.self
    )

    public init() {}

    public struct List: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "list", abstract: "Each user, their role and their keys' fingerprints.")
        @OptionGroup public var file: UsersFileOptions

        public init() {}
        public func run() throws { try ServerProgram.handOver() }
    }

    public struct Add: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user with a role and, usually, a key.")
        @Argument(help: "The user's name: what their records are recorded by.") public var name: String
        @Option(name: .long, help: ArgumentHelp("viewer, recorder or admin.", valueName: "role")) public var role: RoleArgument
        @Option(name: .long, parsing: .singleValue,
                help: ArgumentHelp("A public key, the line of their .pub file (repeat for more).", valueName: "key"))
        public var key: [String] = []
        @OptionGroup public var file: UsersFileOptions

        public init() {}
        public func run() throws { try ServerProgram.handOver() }
    }

    public struct Remove: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a user; their open connections are closed when the server reloads.")
        @Argument(help: "The user's name.") public var name: String
        @OptionGroup public var file: UsersFileOptions

        public init() {}
        public func run() throws { try ServerProgram.handOver() }
    }

    public struct SetRole: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "role", abstract: "Change a user's role.")
        @Argument(help: "The user's name.") public var name: String
        @Argument(help: "viewer, recorder or admin.") public var role: RoleArgument
        @OptionGroup public var file: UsersFileOptions

        public init() {}
        public func run() throws { try ServerProgram.handOver() }
    }

    public struct Key: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "key", abstract: "Add or remove one of a user's keys.",
                                                               subcommands: [AddKey.self, RemoveKey.self])

        public init() {}

        public struct AddKey: ParsableCommand {
            public static let configuration = CommandConfiguration(commandName: "add", abstract: "Give a user another key.")
            @Argument(help: "The user's name.") public var name: String
            @Argument(help: "The public key: the line of their .pub file, quoted.") public var key: String
            @OptionGroup public var file: UsersFileOptions

            public init() {}
            public func run() throws { try ServerProgram.handOver() }
        }

        public struct RemoveKey: ParsableCommand {
            public static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take a key from a user.")
            @Argument(help: "The user's name.") public var name: String
            @Argument(help: "The public key, or its fingerprint (SHA256:…, as hetao users list shows).") public var key: String
            @OptionGroup public var file: UsersFileOptions

            public init() {}
            public func run() throws { try ServerProgram.handOver() }
        }
    }
}

/// A role as typed on the command line.
public struct RoleArgument: ExpressibleByArgument {
    public var role: Role

    public init?(argument: String) {
        guard let role = Role(rawValue: argument.lowercased()) else { return nil }
        self.role = role
    }

    public static var allValueStrings: [String] { Role.allCases.map(\.rawValue) }
}

/// Which users file, and whether to tell the running server.
public struct UsersFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The users file (default: $HETAO_USERS, else serve: users: in the config file).",
                                            valueName: "file"))
    public var users: String?

    @Flag(name: .long, help: "Tell the running hetao serve at once (SIGHUP to the process in its pid file).")
    public var reload = false

    @Option(name: .long, help: ArgumentHelp("The server's pid file (default: as hetao serve writes it).", valueName: "file"))
    public var pidFile: String?

    public init() {}
}
