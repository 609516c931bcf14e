import Foundation

/// The open sessions: counted against the limits, and told goodbye when the server stops.
final class SessionRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var sessions: [ObjectIdentifier: (user: String, connection: ObjectIdentifier, goodbye: @Sendable (String) -> Void)] = [:]
    private var stopping = false

    enum Admission: Equatable {
        case admitted
        case serverFull(Int)
        case userFull(Int)
        case stopping
    }

    /// Counts a new session of `user` on `connection` in, unless a limit says no. `goodbye`
    /// ends it with a message.
    func admit(_ id: ObjectIdentifier, user: String, connection: ObjectIdentifier, limits: ServeSettings,
               goodbye: @escaping @Sendable (String) -> Void) -> Admission {
        lock.lock()
        defer { lock.unlock() }
        if stopping { return .stopping }
        if sessions.count >= limits.maxSessions { return .serverFull(limits.maxSessions) }
        if sessions.values.filter({ $0.user == user }).count >= limits.maxSessionsPerUser {
            return .userFull(limits.maxSessionsPerUser)
        }
        sessions[id] = (user, connection, goodbye)
        return .admitted
    }

    func remove(_ id: ObjectIdentifier) {
        lock.lock()
        sessions[id] = nil
        lock.unlock()
    }

    /// Whether `connection` has a session open.
    func isBusy(_ connection: ObjectIdentifier) -> Bool {
        lock.withLock { sessions.values.contains { $0.connection == connection } }
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return sessions.count
    }

    /// Refuses new sessions and says goodbye to every open one.
    func stopAll() {
        lock.lock()
        stopping = true
        let goodbyes = sessions.values.map(\.goodbye)
        lock.unlock()
        for goodbye in goodbyes { goodbye("hetao serve is stopping; goodbye.") }
    }

    /// Ends the sessions of one connection, each with `message`.
    func end(connection: ObjectIdentifier, saying message: String) {
        let goodbyes = lock.withLock { sessions.values.filter { $0.connection == connection }.map(\.goodbye) }
        for goodbye in goodbyes { goodbye(message) }
    }
}
