import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH

/// `hetao serve`: an SSH server that gives each authenticated key the dashboard or a `hetao`
/// command and nothing else. Runs until SIGTERM or SIGINT, then says goodbye to every session,
/// waits for their processes (so no record is lost) and returns. SIGHUP, or a change to the
/// file, reloads the users file without dropping sessions.
public final class SSHServer: @unchecked Sendable {
    private let settings: ServeSettings
    private let hostKey: HostKey
    private let log: Logger
    private let registry = SessionRegistry()
    private let limiter: FailureLimiter
    private let usersLock = NSLock()
    private var currentUsers: UsersFile
    private var usersSignature: [Int] = []
    /// The open connections, so a reloaded users file is held against every one of them.
    private let connectionsLock = NSLock()
    private var connections: [ObjectIdentifier: (channel: Channel, identity: ConnectionIdentity, opened: Date)] = [:]
    /// Connections dropped to make room for new ones since the last such line in the log.
    private var dropped = 0

    public init(settings: ServeSettings, hostKey: HostKey, users: UsersFile, log: Logger) {
        self.settings = settings
        self.hostKey = hostKey
        self.log = log
        currentUsers = users
        limiter = FailureLimiter(limit: settings.maxFailuresPerMinute)
        usersSignature = Self.signature(settings.usersPath)
    }

    private var users: UsersFile { usersLock.withLock { currentUsers } }

    /// Reads the users file again; a broken one is reported and the last good one kept.
    func reloadUsers(because reason: String) {
        usersSignature = Self.signature(settings.usersPath)
        do {
            let fresh = try UsersFile.load(path: settings.usersPath)
            let earlier = usersLock.withLock { () -> UsersFile in
                defer { currentUsers = fresh }
                return currentUsers
            }
            log.info("users reloaded", metadata: ["reason": "\(reason)", "users": "\(fresh.users.count)"])
            for change in fresh.changes(since: earlier) {
                log.notice("\(change.event)", metadata: ["user": "\(change.user)", "detail": "\(change.detail)"])
            }
            withdrawAccess(against: fresh)
        } catch {
            log.error("users file not reloaded", metadata: ["reason": "\(reason)", "problem": "\(error)"])
            FileHandle.standardError.write(Data("hetao serve: the users file was not reloaded; the last good one stays:\n\(error)\n".utf8))
        }
    }

    /// Holds every open connection against `users`: one whose key is gone, or whose user's role
    /// changed, loses its access at once. Its sessions end with a message saying why, and the
    /// connection closes a moment later (so the message arrives), with an audit line.
    private func withdrawAccess(against users: UsersFile) {
        let open = connectionsLock.withLock { connections.values.map { ($0.channel, $0.identity) } }
        for (channel, identity) in open {
            guard let user = identity.user, let key = identity.key else { continue }
            let now = users.user(for: key)
            guard now?.name != user.name || now?.role != user.role else { continue }
            let reason = now.map { "role changed to \($0.role.rawValue)" } ?? "key removed"
            identity.withdraw()
            log.notice("access withdrawn", metadata: ["remote": "\(identity.remote)", "user": "\(user.name)", "reason": "\(reason)"])
            registry.end(connection: ObjectIdentifier(identity),
                         saying: "hetao serve: access for \(user.name) was withdrawn (\(reason)); closing.")
            channel.eventLoop.scheduleTask(in: .milliseconds(500)) { channel.close(promise: nil) }
        }
    }

    /// Makes room for a new connection: past `maxUnauthenticated` connections still
    /// authenticating, the oldest of them is dropped (logged once in a hundred).
    private func makeRoom() {
        let (oldest, count): (Channel?, Int) = connectionsLock.withLock {
            let waiting = connections.values.filter { $0.identity.key == nil }
            guard waiting.count >= settings.maxUnauthenticated else { return (nil, dropped) }
            dropped += 1
            return (waiting.min { $0.opened < $1.opened }?.channel, dropped)
        }
        guard let oldest else { return }
        if count % 100 == 1 {
            log.notice("connection dropped", metadata: ["reason": "\(settings.maxUnauthenticated) connections still authenticating",
                                                        "dropped": "\(count)"])
        }
        oldest.close(promise: nil)
    }

    /// How many connections `user` has authenticated.
    func connections(of user: String) -> Int {
        connectionsLock.withLock { connections.values.filter { $0.identity.user?.name == user }.count }
    }

    private static func signature(_ path: String) -> [Int] {
        var status = stat()
        guard stat(path, &status) == 0 else { return [] }
        return [Int(status.st_ino), Int(status.st_size), status.st_mtim.tv_sec, status.st_mtim.tv_nsec]
    }

    /// A new connection: refused while its address is blocked, else logged, counted, given a
    /// login grace time and an idle limit, and handed to SSH.
    private func accept(_ channel: Channel) -> EventLoopFuture<Void> {
        let settings = self.settings
        let remote = channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
        let address = channel.remoteAddress?.ipAddress ?? "?"
        let (blocked, first) = limiter.check(address)
        if blocked {
            if first { log.notice("connection refused", metadata: ["remote": "\(remote)", "reason": "too many failed attempts"]) }
            return channel.close()
        }
        log.info("connect", metadata: ["remote": "\(remote)"])
        makeRoom()
        let identity = ConnectionIdentity(remote: remote, address: address, transport: TransportWatch(eventLoop: channel.eventLoop))
        let authenticator = KeyAuthenticator(users: { [weak self] in self?.users ?? UsersFile(path: "", users: []) },
                                             identity: identity, limiter: limiter, log: log,
                                             connectionsOf: { [weak self] in self?.connections(of: $0) ?? 0 },
                                             maxConnections: settings.maxConnectionsPerUser)
        // Unauthenticated connections do not linger.
        channel.eventLoop.scheduleTask(in: .seconds(Int64(settings.loginGraceSeconds))) { [log] in
            // Only a connection still open and still unauthenticated: not one long gone.
            if identity.user == nil && identity.key == nil && channel.isActive {
                log.notice("login grace time over", metadata: ["remote": "\(remote)"])
                channel.close(promise: nil)
            }
        }
        let connection = ObjectIdentifier(identity)
        connectionsLock.withLock { connections[connection] = (channel, identity, Date()) }
        closeWhenIdle(channel, identity: identity, connection: connection, remote: remote)
        channel.closeFuture.whenComplete { [log, limiter, weak self] _ in
            self?.connectionsLock.withLock { _ = self?.connections.removeValue(forKey: connection) }
            if let login = identity.unexplainedFailure() {
                // Counted, too: keys of a type we refuse cannot be tried at speed either.
                limiter.recordFailure(address)
                log.notice("authentication refused", metadata: [
                    "remote": "\(remote)", "login": "\(login)",
                    "reason": "no key this server accepts was proved (an RSA or other unsupported key, a bad signature, or none)",
                ])
            }
            log.info("disconnect", metadata: ["remote": "\(remote)"])
        }
        return addSSH(to: channel, identity: identity, authenticator: authenticator, remote: remote)
    }

    /// An authenticated connection with no session does not hold its place for ever: closed
    /// after the idle time with nothing running.
    private func closeWhenIdle(_ channel: Channel, identity: ConnectionIdentity, connection: ObjectIdentifier, remote: String) {
        let settings = self.settings
        let lastBusy = NIOLoopBoundBox(NIODeadline.now(), eventLoop: channel.eventLoop)
        let every = TimeAmount.seconds(Int64(max(1, settings.connectionIdleSeconds / 4)))
        let idleCheck = channel.eventLoop.scheduleRepeatedTask(initialDelay: every, delay: every) { [log, registry] task in
            guard channel.isActive else { return task.cancel() }
            if identity.user == nil || registry.isBusy(connection) {
                lastBusy.value = .now()
            } else if NIODeadline.now() - lastBusy.value > .seconds(Int64(settings.connectionIdleSeconds)) {
                log.info("idle connection closed", metadata: ["remote": "\(remote)", "user": "\(identity.user?.name ?? "?")",
                                                              "seconds": "\(settings.connectionIdleSeconds)"])
                task.cancel()
                channel.close(promise: nil)
            }
        }
        channel.closeFuture.whenComplete { _ in idleCheck.cancel() }
    }

    /// The SSH handler on the connection: the host key, key authentication, hetao's ciphers,
    /// and a session handler for each session channel of an authenticated user.
    private func addSSH(to channel: Channel, identity: ConnectionIdentity, authenticator: KeyAuthenticator,
                        remote: String) -> EventLoopFuture<Void> {
        let settings = self.settings
        return channel.eventLoop.makeCompletedFuture {
            var configuration = SSHServerConfiguration(hostKeys: [hostKey.privateKey], userAuthDelegate: authenticator,
                                                       globalRequestDelegate: ForwardingRefusal(log: log, identity: identity))
            // AES-GCM first; AES-CTR for clients without it (dropbear's dbclient). hetao's own,
            // so that every packet passes PacketRepair.
            configuration.transportProtectionSchemes = [
                AESGCMTransportProtection.self, AES128GCMTransportProtection.self,
                AES256CTRTransportProtection.self, AESCTRTransportProtection.self,
            ]
            let handler = NIOSSHHandler(
                role: .server(configuration),
                allocator: channel.allocator,
                inboundChildChannelInitializer: { [self] child, type in
                    guard case .session = type, identity.user != nil else {
                        let what = switch type {
                        case .session: "session (not authenticated)"
                        case .directTCPIP(let target): "direct-tcpip to \(target.targetHost):\(target.targetPort)"
                        case .forwardedTCPIP(let listening): "forwarded-tcpip from \(listening.listeningHost):\(listening.listeningPort)"
                        }
                        log.notice("channel refused", metadata: ["remote": "\(remote)", "user": "\(identity.user?.name ?? "?")",
                                                                 "type": "\(what)"])
                        return child.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
                    }
                    return child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandler(
                            SessionHandler(settings: settings, identity: identity, registry: registry, log: log))
                    }
                })
            try channel.pipeline.syncOperations.addHandlers([TransportScope(watch: identity.transport), handler,
                                                             ConnectionErrorHandler(log: log, remote: remote)])
        }
    }

    /// Serves until asked to stop; `ready` is called once listening, with the bound port.
    public func run(ready: (Int) -> Void) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let settings = self.settings
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { [log] channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(AcceptFailures(log: log)) }
            }
            .childChannelInitializer { [self] channel in accept(channel) }
        // Signals are taken before the server says it is listening: a reload sent the moment it
        // does must reload, not end it.
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        let queue = DispatchQueue(label: "hetao.serve.signals")
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [self] in
                if signalNumber == SIGHUP { reloadUsers(because: "SIGHUP") } else { stop.signal() }
            }
            source.resume()
            sources.append(source)
        }
        signal(SIGPIPE, SIG_IGN)
        let server = try bootstrap.bind(host: settings.host, port: settings.port).wait()
        log.info("listening", metadata: ["address": "\(settings.host):\(server.localAddress?.port ?? settings.port)",
                                         "key": "\(hostKey.fingerprint)"])
        ready(server.localAddress?.port ?? settings.port)

        // A changed users file is picked up within two seconds.
        let watch = group.next().scheduleRepeatedTask(initialDelay: .seconds(2), delay: .seconds(2)) { [self] _ in
            if Self.signature(settings.usersPath) != usersSignature { reloadUsers(because: "file changed") }
        }
        stop.wait()
        log.info("stopping", metadata: ["sessions": "\(registry.count)"])
        watch.cancel()
        try? server.close().wait()
        registry.stopAll()
        // Each process ends (a record being written finishes first); then its session closes.
        let deadline = Date().addingTimeInterval(10)
        while registry.count > 0 && Date() < deadline { usleep(20_000) }
        log.info("stopped")
        for source in sources { source.cancel() }
    }
}

/// A connection the server could not accept (out of file descriptors, most often): logged at
/// once, then at most once a minute with how many since, so a flood cannot fill the log.
final class AcceptFailures: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Any
    private let log: Logger
    private var unlogged = 0
    private var lastLogged: NIODeadline?

    init(log: Logger) { self.log = log }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        unlogged += 1
        let now = NIODeadline.now()
        if lastLogged.map({ now - $0 >= .seconds(60) }) ?? true {
            log.error("accept failed", metadata: ["error": "\(error)", "failures": "\(unlogged)"])
            unlogged = 0
            lastLogged = now
        }
        context.fireErrorCaught(error)
    }
}

/// `ssh -R`: the server listens for no one, and says so in the log.
struct ForwardingRefusal: GlobalRequestDelegate {
    let log: Logger
    let identity: ConnectionIdentity

    func tcpForwardingRequest(_ request: GlobalRequest.TCPForwardingRequest, handler: NIOSSHHandler,
                              promise: EventLoopPromise<GlobalRequest.TCPForwardingResponse>) {
        if case .listen(let host, let port) = request {
            log.notice("forwarding refused", metadata: ["remote": "\(identity.remote)", "user": "\(identity.user?.name ?? "?")",
                                                        "listen": "\(host):\(port)"])
        }
        promise.fail(ChannelError.operationUnsupported)
    }
}

/// Errors on a connection (a client speaking something else, a dropped link) end that
/// connection only, in the log and never on anyone's screen.
final class ConnectionErrorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any
    let log: Logger
    let remote: String

    init(log: Logger, remote: String) {
        self.log = log
        self.remote = remote
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        log.notice("connection error", metadata: ["remote": "\(remote)", "error": "\(error)"])
        context.close(promise: nil)
    }
}
