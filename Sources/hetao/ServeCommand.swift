import HetaoBundled
import ArgumentParser
import Foundation
import HetaoConfig
import HetaoData
import HetaoServe
import Logging

extension Hetao {
    /// The dashboard's own SSH server.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the dashboard and commands over SSH, to the keys in a users file.",
            discussion: """
            People connect with the key they already have (`ssh -t -p 2222 HOST`) and get the dashboard \
            and nothing else; `ssh HOST report --format csv` runs a command. Viewers read; recorders also \
            record, as their name in the users file. Public keys only (ed25519 or ECDSA). The host key is \
            created on first start. SIGHUP, or a change to the users file, reloads it; SIGTERM or SIGINT \
            stops, after each session's process has ended. Users file:
              users:
                - name: alice
                  role: recorder        # viewer | recorder
                  keys:
                    - ssh-ed25519 AAAAC3Nza... alice@laptop
            """
        )

        @Option(name: .long, help: ArgumentHelp("Address and port to listen on (default 127.0.0.1:2222).", valueName: "host:port"))
        var listen: String?

        @Option(name: .long, help: ArgumentHelp("The users file (YAML): names, roles and public keys.", valueName: "file"))
        var users: String?

        @Option(name: .long, help: ArgumentHelp(
            "The ed25519 host key (OpenSSH format). Default: $XDG_STATE_HOME/hetao/ssh_host_ed25519_key, else "
                + "~/.local/state/hetao/ssh_host_ed25519_key; created (mode 0600) if missing.", valueName: "file"))
        var hostKey: String?

        @Option(name: .long, help: ArgumentHelp("Append the audit log (connections, authentications, sessions, commands) to this file.",
                                                valueName: "file"))
        var log: String?

        @Option(name: .long, help: "Most sessions at once (default 64); the next is refused politely.")
        var maxSessions: Int?

        @Option(name: .long, help: "Most sessions at once for one user (default 8).")
        var maxSessionsPerUser: Int?

        @Option(name: .long, help: ArgumentHelp("Close a session after this many seconds without input (default: never).",
                                                valueName: "seconds"))
        var idleTimeout: Int?

        @Option(name: .long, help: ArgumentHelp(
            "Close a connection with no session open after this many seconds (default 120).", valueName: "seconds"))
        var connectionIdleTimeout: Int?

        @Option(name: .long, help: "Most connections one user may hold at once (default 16).")
        var maxConnectionsPerUser: Int?

        @Option(name: .long, help: ArgumentHelp(
            "Most connections still authenticating at once (default 64); past it the oldest is dropped.", valueName: "n"))
        var maxUnauthenticated: Int?

        @Option(name: .long, help: ArgumentHelp(
            "Write the server's process id here, for `hetao users --reload` (default: serve.pid beside the host key).",
            valueName: "file"))
        var pidFile: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let connectionIdleTimeout, connectionIdleTimeout < 1 {
                throw ValidationError("--connection-idle-timeout must be 1 second or more")
            }
            if let listen, Self.address(listen) == nil {
                throw ValidationError("--listen '\(listen)' is not HOST:PORT (for example 127.0.0.1:2222 or [::1]:2222)")
            }
            if [maxSessions, maxSessionsPerUser, maxConnectionsPerUser, maxUnauthenticated].contains(where: { ($0 ?? 1) < 1 }) {
                throw ValidationError("session and connection limits must be 1 or more")
            }
            if let idleTimeout, idleTimeout < 1 { throw ValidationError("--idle-timeout must be 1 second or more") }
        }

        static func address(_ text: String) -> (host: String, port: Int)? {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                  (0...65535).contains(port) else { return nil }
            var host = String(text[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            return host.isEmpty ? nil : (host, port)
        }

        static var defaultHostKey: String { stateFile("ssh_host_ed25519_key") }
        static var defaultPidFile: String { stateFile("serve.pid") }

        /// A file of the server's own: `$XDG_STATE_HOME/hetao/NAME`, else `~/.local/state/hetao/NAME`.
        static func stateFile(_ name: String) -> String {
            let environment = ProcessInfo.processInfo.environment
            let base = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
            return base + "/hetao/" + name
        }

        func run() throws {
            // Flags, then the config file's `serve:` section, then the defaults.
            let configured = try UserConfig.load()?.serve ?? ServeConfig()
            let listen = self.listen ?? configured.listen?.value ?? "127.0.0.1:2222"
            guard let (host, port) = Self.address(listen) else {
                Console.error("hetao: \(UserConfig.path):\(configured.listen?.line ?? 1): listen '\(listen)' is not HOST:PORT")
                throw ExitCode(78)
            }
            guard let users = self.users ?? configured.users?.value else {
                Console.error("hetao: serve needs a users file: --users FILE, or users: under serve: in \(UserConfig.path)")
                throw ExitCode(64)
            }
            let log = self.log ?? configured.log?.value
            let usersFile: UsersFile
            do { usersFile = try UsersFile.load(path: users) } catch {
                Console.error(error.description)
                throw ExitCode(78)
            }
            let keyPath = hostKey ?? configured.hostKey?.value ?? Self.defaultHostKey
            let key: HostKey
            let created: Bool
            do { (key, created) = try HostKey.loadOrCreate(path: keyPath) } catch {
                Console.error("hetao: \(error)")
                throw ExitCode(78)
            }
            // The store exists before the first session, so sessions never race to create it.
            let statusStore = try store.open(seedingFrom: try BundledDataset.load())
            let handler: AuditLogHandler
            do { handler = try AuditLogHandler(path: log) } catch {
                Console.error("hetao: cannot open the log \(log ?? ""): \(error.localizedDescription)")
                throw ExitCode(73)
            }
            let logger = Logger(label: "hetao.serve") { _ in handler }
            var settings = ServeSettings(host: host, port: port, usersPath: users,
                                         storePath: statusStore.path, logPath: log, executable: "/proc/self/exe")
            settings.maxSessions = maxSessions ?? configured.maxSessions?.value ?? settings.maxSessions
            settings.maxSessionsPerUser = maxSessionsPerUser ?? configured.maxSessionsPerUser?.value ?? settings.maxSessionsPerUser
            settings.idleTimeout = idleTimeout ?? configured.idleTimeout?.value
            settings.connectionIdleSeconds = connectionIdleTimeout ?? configured.connectionIdleTimeout?.value ?? settings.connectionIdleSeconds
            settings.maxConnectionsPerUser = maxConnectionsPerUser ?? configured.maxConnectionsPerUser?.value
                ?? settings.maxConnectionsPerUser
            settings.maxUnauthenticated = maxUnauthenticated ?? configured.maxUnauthenticated?.value ?? settings.maxUnauthenticated
            let pidPath = pidFile ?? configured.pidFile?.value ?? Self.defaultPidFile
            let server = SSHServer(settings: settings, hostKey: key, users: usersFile, log: logger)
            do {
                try server.run { boundPort in
                    // Best effort: without it, `hetao users --reload` says to reload by hand.
                    try? FileManager.default.createDirectory(atPath: (pidPath as NSString).deletingLastPathComponent,
                                                             withIntermediateDirectories: true)
                    try? "\(getpid())\n".write(toFile: pidPath, atomically: true, encoding: .utf8)
                    Console.out("hetao serve: listening on \(host):\(boundPort) for \(usersFile.users.count) user"
                                + "\(usersFile.users.count == 1 ? "" : "s")\n"
                                + "host key \(key.fingerprint) (\(keyPath)\(created ? ", created" : ""))\n")
                }
            } catch {
                Console.error("hetao: cannot serve on \(listen): \(error)")
                throw ExitCode(71)
            }
            if (try? String(contentsOfFile: pidPath, encoding: .utf8)) == "\(getpid())\n" { unlink(pidPath) }
            Console.out("hetao serve: stopped\n")
        }
    }
}
