import Foundation
import Logging
import NIOCore
import NIOSSH

/// Who a connection authenticated as, once it has; shared by the connection's sessions.
final class ConnectionIdentity: @unchecked Sendable {
    private let lock = NSLock()
    private var value: ServeUser?
    let remote: String

    init(remote: String) { self.remote = remote }

    var user: ServeUser? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// Failed authentications per address: an address that fails too often within a minute is
/// turned away for a minute, so keys cannot be guessed at speed.
final class FailureLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func recordFailure(_ address: String) {
        lock.withLock { failures[address, default: []].append(Date()) }
    }

    func isBlocked(_ address: String) -> Bool {
        lock.withLock {
            let recent = (failures[address] ?? []).filter { $0.timeIntervalSinceNow > -60 }
            failures[address] = recent.isEmpty ? nil : recent
            return recent.count >= limit
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

    init(users: @escaping @Sendable () -> UsersFile, identity: ConnectionIdentity, limiter: FailureLimiter, log: Logger) {
        self.users = users
        self.identity = identity
        self.limiter = limiter
        self.log = log
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

    func requestReceived(request: NIOSSHUserAuthenticationRequest,
                         responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        guard case .publicKey(let offered) = request.request else {
            if case .none = request.request {} else {
                limiter.recordFailure(identity.remote)
                log.notice("authentication refused", metadata: ["remote": "\(identity.remote)", "login": "\(request.username)",
                                                                "method": "not publickey"])
            }
            responsePromise.succeed(.failure)
            return
        }
        let fingerprint = HostKey.fingerprint(of: offered.publicKey)
        guard let user = users().user(for: offered.publicKey) else {
            limiter.recordFailure(identity.remote)
            log.notice("authentication refused", metadata: ["remote": "\(identity.remote)", "login": "\(request.username)",
                                                            "key": "\(fingerprint)", "reason": "unknown key"])
            responsePromise.succeed(.failure)
            return
        }
        identity.user = user
        log.info("authenticated", metadata: ["remote": "\(identity.remote)", "user": "\(user.name)", "role": "\(user.role.rawValue)",
                                             "key": "\(fingerprint)"])
        responsePromise.succeed(.success)
    }
}
