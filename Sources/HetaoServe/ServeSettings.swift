/// How `hetao serve` runs: where it listens, who may connect, and its limits.
public struct ServeSettings: Sendable {
    public var host: String
    public var port: Int
    public var usersPath: String
    /// The status store every session uses (set in the sessions' environment).
    public var storePath: String
    /// The audit log; nil keeps none.
    public var logPath: String?
    public var maxSessions = 64
    public var maxSessionsPerUser = 8
    /// Seconds without input after which a session is closed; nil never.
    public var idleTimeout: Int?
    /// Seconds a connection has to authenticate.
    public var loginGraceSeconds = 30
    /// Failed authentications from one address within a minute before it is turned away for a minute.
    public var maxFailuresPerMinute = 10
    /// Connections still authenticating at once; past it the oldest is dropped to make room, so a
    /// flood of idle sockets cannot keep a real login out (OpenSSH's `MaxStartups`, made gentler).
    public var maxUnauthenticated = 64
    /// Authenticated connections of one user at once; the next login is refused.
    public var maxConnectionsPerUser = 16
    /// Seconds an authenticated connection may stay open with no session before it is closed.
    public var connectionIdleSeconds = 120
    /// The `hetao` binary sessions run.
    public var executable: String

    public init(host: String, port: Int, usersPath: String, storePath: String,
                logPath: String? = nil, executable: String) {
        self.host = host
        self.port = port
        self.usersPath = usersPath
        self.storePath = storePath
        self.logPath = logPath
        self.executable = executable
    }
}
