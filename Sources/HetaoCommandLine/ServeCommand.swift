import ArgumentParser
import Foundation
import HetaoDomain

/// `hetao serve`: the dashboard's own SSH server. Its options are read here, in both programs;
/// `hetao-serve` carries it out.
public struct ServeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
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
    public var listen: String?

    @Option(name: .long, help: ArgumentHelp("The users file (YAML): names, roles and public keys.", valueName: "file"))
    public var users: String?

    @Option(name: .long, help: ArgumentHelp(
        "The ed25519 host key (OpenSSH format). Default: $XDG_STATE_HOME/hetao/ssh_host_ed25519_key, else "
            + "~/.local/state/hetao/ssh_host_ed25519_key; created (mode 0600) if missing.", valueName: "file"))
    public var hostKey: String?

    @Option(name: .long, help: ArgumentHelp("Append the audit log (connections, authentications, sessions, commands) to this file.",
                                            valueName: "file"))
    public var log: String?

    @Option(name: .long, help: "Most sessions at once (default 64); the next is refused politely.")
    public var maxSessions: Int?

    @Option(name: .long, help: "Most sessions at once for one user (default 8).")
    public var maxSessionsPerUser: Int?

    @Option(name: .long, help: ArgumentHelp("Close a session after this many seconds without input (default: never).",
                                            valueName: "seconds"))
    public var idleTimeout: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Close a connection with no session open after this many seconds (default 120).", valueName: "seconds"))
    public var connectionIdleTimeout: Int?

    @Option(name: .long, help: "Most connections one user may hold at once (default 16).")
    public var maxConnectionsPerUser: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Most connections still authenticating at once (default 64); past it the oldest is dropped.", valueName: "n"))
    public var maxUnauthenticated: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Write the server's process id here, for `hetao users --reload` (default: serve.pid beside the host key).",
        valueName: "file"))
    public var pidFile: String?

    @OptionGroup public var store: StoreOptions

    public func validate() throws {
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

    public static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    public static var defaultHostKey: String { stateFile("ssh_host_ed25519_key") }
    public static var defaultPidFile: String { stateFile("serve.pid") }

    /// A file of the server's own: `$XDG_STATE_HOME/hetao/NAME`, else `~/.local/state/hetao/NAME`.
    public static func stateFile(_ name: String) -> String {
        let environment = ProcessEnvironment.variables
        let base = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return base + "/hetao/" + name
    }

    public init() {}

    /// Carried out by `hetao-serve`, which this program starts in its place.
    public func run() throws { try ServerProgram.handOver() }
}
