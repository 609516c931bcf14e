import ArgumentParser
import Foundation
import HetaoConfig
import HetaoDomain
import HetaoServe

extension Hetao {
    /// `hetao users`: who may connect to `hetao serve`, changed with one command each. The users
    /// file is edited in place (comments and order kept), checked whole, and replaced at once; a
    /// running server picks the change up (at once with `--reload`, else within two seconds) and
    /// closes what a removed key or a changed role no longer allows. Over SSH, administrators only.
    struct Users: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Each user, their role and their keys' fingerprints.")
            @OptionGroup var file: UsersFileOptions

            func run() throws {
                let users = try file.load()
                if users.users.isEmpty { return Console.out("no users: nobody can connect (hetao users add NAME --role viewer --key KEY)\n") }
                let width = users.users.map(\.name.count).max() ?? 0
                var text = ""
                for user in users.users {
                    let keys = user.keys.isEmpty ? "no keys (no access)" : "\(user.keys.count) key\(user.keys.count == 1 ? "" : "s")"
                    text += user.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                        + user.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + keys + "\n"
                    for (index, key) in user.keys.enumerated() {
                        let comment = index < user.comments.count ? user.comments[index] : ""
                        text += "  \(HostKey.fingerprint(of: key))  \(VisibleText.escaped(comment))\n"
                    }
                }
                Console.out(text)
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user with a role and, usually, a key.")
            @Argument(help: "The user's name: what their records are recorded by.") var name: String
            @Option(name: .long, help: ArgumentHelp("viewer, recorder or admin.", valueName: "role")) var role: RoleArgument
            @Option(name: .long, parsing: .singleValue,
                    help: ArgumentHelp("A public key, the line of their .pub file (repeat for more).", valueName: "key"))
            var key: [String] = []
            @OptionGroup var file: UsersFileOptions

            func run() throws {
                try file.change(.add(name: name, role: role.role, keys: key), saying: "added \(name) (\(role.role.rawValue))")
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: "Remove a user; their open connections are closed when the server reloads.")
            @Argument(help: "The user's name.") var name: String
            @OptionGroup var file: UsersFileOptions

            func run() throws { try file.change(.remove(name: name), saying: "removed \(name)") }
        }

        struct SetRole: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "role", abstract: "Change a user's role.")
            @Argument(help: "The user's name.") var name: String
            @Argument(help: "viewer, recorder or admin.") var role: RoleArgument
            @OptionGroup var file: UsersFileOptions

            func run() throws { try file.change(.role(name: name, role: role.role), saying: "\(name) is now \(role.role.rawValue)") }
        }

        struct Key: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "key", abstract: "Add or remove one of a user's keys.",
                                                            subcommands: [AddKey.self, RemoveKey.self])

            struct AddKey: ParsableCommand {
                static let configuration = CommandConfiguration(commandName: "add", abstract: "Give a user another key.")
                @Argument(help: "The user's name.") var name: String
                @Argument(help: "The public key: the line of their .pub file, quoted.") var key: String
                @OptionGroup var file: UsersFileOptions

                func run() throws { try file.change(.addKey(name: name, key: key), saying: "added a key for \(name)") }
            }

            struct RemoveKey: ParsableCommand {
                static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take a key from a user.")
                @Argument(help: "The user's name.") var name: String
                @Argument(help: "The public key, or its fingerprint (SHA256:…, as hetao users list shows).") var key: String
                @OptionGroup var file: UsersFileOptions

                func run() throws { try file.change(.removeKey(name: name, key: key), saying: "removed a key of \(name)") }
            }
        }
    }
}

/// A role as typed on the command line.
struct RoleArgument: ExpressibleByArgument {
    var role: Role

    init?(argument: String) {
        guard let role = Role(rawValue: argument.lowercased()) else { return nil }
        self.role = role
    }

    static var allValueStrings: [String] { Role.allCases.map(\.rawValue) }
}

/// Which users file, and whether to tell the running server.
struct UsersFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The users file (default: $HETAO_USERS, else serve: users: in the config file).",
                                            valueName: "file"))
    var users: String?

    @Flag(name: .long, help: "Tell the running hetao serve at once (SIGHUP to the process in its pid file).")
    var reload = false

    @Option(name: .long, help: ArgumentHelp("The server's pid file (default: as hetao serve writes it).", valueName: "file"))
    var pidFile: String?

    func path() throws -> String {
        if let users { return users }
        if let named = ProcessInfo.processInfo.environment["HETAO_USERS"], !named.isEmpty { return named }
        if let configured = try UserConfig.load()?.serve.users?.value { return configured }
        Console.error("hetao: which users file? --users FILE, or users: under serve: in \(UserConfig.path)")
        throw ExitCode(64)
    }

    func load() throws -> UsersFile {
        do { return try UsersFile.load(path: try path()) } catch let error as UsersFile.Invalid {
            Console.error(error.description)
            throw ExitCode(78)
        }
    }

    /// Makes `change` under a lock (two administrators at once each see the other's change),
    /// replaces the file whole, and tells the server.
    func change(_ change: UsersFileEditor.Change, saying done: String) throws {
        // A symbolic link is followed: the file it names is the one edited, and stays linked.
        let path = URL(fileURLWithPath: try path()).resolvingSymlinksInPath().path
        let lockPath = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent + ".lock"
        let lock = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else {
            Console.error("hetao: cannot change \(path): \(String(cString: strerror(errno))) (at \(lockPath))")
            throw ExitCode(73)
        }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        guard let data = FileManager.default.contents(atPath: path) else {
            Console.error("hetao: cannot read the users file \(path) (no such file, or no permission)")
            throw ExitCode(66)
        }
        try refuseLockingOut(change, in: data, file: path)
        let edited: String
        do { edited = try UsersFileEditor.apply(change, to: String(decoding: data, as: UTF8.self), file: path) } catch {
            Console.error("hetao: " + error.description)
            throw ExitCode(65)
        }
        do { try OutputFile.write(edited, to: path, keepingOwnership: true, stop: { false }) } catch {
            let reason = if case .cannotWrite(let why) = error { why } else { "stopped" }
            Console.error("hetao: cannot write \(path): \(reason); nothing was changed")
            throw ExitCode(73)
        }
        Console.out("hetao: \(done) in \(path)\n")
        try tellServer()
    }

    /// Over SSH an administrator cannot take away their own access (remove themselves, their
    /// last key, or their role): the connection they would need to undo it is the one that goes.
    private func refuseLockingOut(_ change: UsersFileEditor.Change, in data: Data, file: String) throws {
        guard ServeSession.isLive, let me = ProcessInfo.processInfo.environment["HETAO_RECORDED_BY"],
              let users = try? UsersFile.parse(data, file: file), let mine = users.users.first(where: { $0.name == me }) else { return }
        let locksOut: Bool
        switch change {
        case .remove(let name): locksOut = name == me
        case .role(let name, let role): locksOut = name == me && role != .admin
        case .removeKey(let name, _): locksOut = name == me && mine.keys.count <= 1
        case .add, .addKey: locksOut = false
        }
        guard locksOut else { return }
        Console.error("hetao: that would take away your own access over SSH (\(me)); ask another administrator, "
                      + "or change it on the server's host")
        throw ExitCode(65)
    }

    /// Over SSH the server that started this session reloads at once; elsewhere, with
    /// `--reload`, the one in the pid file.
    private func tellServer() throws {
        if let server = ServeSession.server, ServeSession.isLive {
            kill(server, SIGHUP)
            return
        }
        guard reload else {
            return Console.out("hetao: a running hetao serve picks this up within two seconds (or now, with --reload)\n")
        }
        let pidPath = pidFile ?? (try? UserConfig.load()?.serve.pidFile?.value) ?? Hetao.Serve.defaultPidFile
        guard let text = try? String(contentsOfFile: pidPath, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0, Self.isServe(pid) else {
            Console.error("hetao: no running hetao serve found through \(pidPath); it picks the change up within two seconds, "
                          + "or reload it yourself (systemctl reload hetao-serve)")
            throw ExitCode(69)
        }
        guard kill(pid, SIGHUP) == 0 else {
            Console.error("hetao: cannot signal hetao serve (pid \(pid)): \(String(cString: strerror(errno)))")
            throw ExitCode(77)
        }
        Console.out("hetao: hetao serve (pid \(pid)) reloaded the users\n")
    }

    /// The pid file may be stale and its number reused: only a `hetao serve` is signalled.
    private static func isServe(_ pid: pid_t) -> Bool {
        guard let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let words = command.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.count > 1 && words[0].hasSuffix("hetao") && words[1] == "serve"
    }
}
