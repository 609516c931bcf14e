import Foundation
import Logging
import NIOCore
import NIOSSH

/// Who a connection authenticated as, once it has; shared by the connection's sessions.
final class ConnectionIdentity: @unchecked Sendable {
    private let lock = NSLock()
    private var value: ServeUser?
    private var usedKey: NIOSSHPublicKey?
    /// `address:port`, as the log names a connection, and the address failures are counted by.
    let remote: String
    let address: String
    /// Whether the connection is rekeying, when nothing may be written to its sessions.
    let transport: TransportWatch

    init(remote: String, address: String, transport: TransportWatch) {
        self.remote = remote
        self.address = address
        self.transport = transport
    }

    var user: ServeUser? { lock.withLock { value } }
    /// The key the connection authenticated with: what a reloaded users file is asked about.
    var key: NIOSSHPublicKey? { lock.withLock { usedKey } }

    func authenticated(_ user: ServeUser, key: NIOSSHPublicKey) {
        lock.withLock { (value, usedKey) = (user, key) }
    }

    /// Access withdrawn: no new session starts on this connection.
    func withdraw() { lock.withLock { value = nil } }

    /// The login name the client last asked for, and whether a refusal of it was logged: the
    /// transport refuses an unsupported key type (RSA) or a bad signature without asking us, so
    /// a connection that tried, was never let in and was never told why in the log, is logged
    /// as it closes.
    private var triedAs: String?
    private var refusalLogged = false

    func tried(as login: String, logged: Bool = false) {
        lock.withLock {
            triedAs = login
            refusalLogged = refusalLogged || logged
        }
    }

    /// The login of a connection that tried and failed with no refusal logged, once.
    func unexplainedFailure() -> String? {
        lock.withLock {
            guard let triedAs, value == nil, usedKey == nil, !refusalLogged else { return nil }
            refusalLogged = true
            return triedAs
        }
    }
}

/// Failed authentications per address (every unknown key and every refused method, on any of
/// its connections): an address that fails `limit` times within a minute is turned away until
/// a minute has passed since its last failure, so keys cannot be guessed at speed. Each window
/// of refusals is logged once.
final class FailureLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    /// Addresses whose current block has been logged.
    private var logged: Set<String> = []
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func recordFailure(_ address: String) {
        lock.withLock { failures[address, default: []].append(Date()) }
    }

    /// Whether `address` is turned away now, and whether this is the first refusal of its block
    /// (the one to log).
    func check(_ address: String) -> (blocked: Bool, firstRefusal: Bool) {
        lock.withLock {
            let recent = (failures[address] ?? []).filter { $0.timeIntervalSinceNow > -60 }
            failures[address] = recent.isEmpty ? nil : recent
            guard recent.count >= limit else {
                logged.remove(address)
                return (false, false)
            }
            return (true, logged.insert(address).inserted)
        }
    }
}

/// Public keys only: a key in the users file is its user; anything else (another key, a
/// password, keyboard-interactive) is refused as OpenSSH refuses it, and counted.
final class KeyAuthenticator: NIOSSHServerUserAuthenticationDelegate, @unchecked Sendable {
    private let users: @Sendable () -> UsersFile
    private let identity: ConnectionIdentity
    private let limiter: FailureLimiter
    private let log: Logger
    /// How many connections a user has authenticated, and the most one may.
    private let connectionsOf: @Sendable (String) -> Int
    private let maxConnections: Int

    init(users: @escaping @Sendable () -> UsersFile, identity: ConnectionIdentity, limiter: FailureLimiter, log: Logger,
         connectionsOf: @escaping @Sendable (String) -> Int, maxConnections: Int) {
        self.users = users
        self.identity = identity
        self.limiter = limiter
        self.log = log
        self.connectionsOf = connectionsOf
        self.maxConnections = maxConnections
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

    func requestReceived(request: NIOSSHUserAuthenticationRequest,
                         responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        identity.tried(as: request.username)
        // Past the limit, even the right key is refused until the window has passed.
        let (blocked, first) = limiter.check(identity.address)
        if blocked {
            identity.tried(as: request.username, logged: true)
            if first {
                log.notice("authentication refused", metadata: ["remote": "\(identity.remote)", "login": "\(request.username)",
                                                                "reason": "too many failed attempts"])
            }
            responsePromise.succeed(.failure)
            return
        }
        guard case .publicKey(let offered) = request.request else {
            if case .none = request.request {} else {
                identity.tried(as: request.username, logged: true)
                limiter.recordFailure(identity.address)
                var method = "password"
                if case .password(let attempt) = request.request, attempt.password.hasPrefix(PacketRepair.methodMarker) {
                    method = String(attempt.password.dropFirst(PacketRepair.methodMarker.count))
                }
                log.notice("authentication refused", metadata: ["remote": "\(identity.remote)", "login": "\(request.username)",
                                                                "method": "\(method)", "reason": "public keys only"])
            }
            responsePromise.succeed(.failure)
            return
        }
        let fingerprint = HostKey.fingerprint(of: offered.publicKey)
        guard let user = users().user(for: offered.publicKey) else {
            identity.tried(as: request.username, logged: true)
            limiter.recordFailure(identity.address)
            log.notice("authentication refused", metadata: ["remote": "\(identity.remote)", "login": "\(request.username)",
                                                            "key": "\(fingerprint)", "reason": "unknown key"])
            responsePromise.succeed(.failure)
            return
        }
        if connectionsOf(user.name) >= maxConnections {
            identity.tried(as: request.username, logged: true)
            log.notice("authentication refused", metadata: ["remote": "\(identity.remote)", "user": "\(user.name)",
                                                            "reason": "\(maxConnections) connections already open"])
            responsePromise.succeed(.failure)
            return
        }
        identity.authenticated(user, key: offered.publicKey)
        log.info("authenticated", metadata: ["remote": "\(identity.remote)", "user": "\(user.name)", "role": "\(user.role.rawValue)",
                                             "key": "\(fingerprint)"])
        responsePromise.succeed(.success)
    }
}
