/// Why the status store cannot be used as asked. Each says what and where.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case notADatabase(path: String)
    case notAStore(path: String)
    case damaged(path: String, reason: String)
    case newerSchema(path: String)
    case locked(path: String)
    case readOnly(path: String)
    case rejected(path: String, reason: String)
    case failed(path: String, reason: String)
    /// The store's server could not be reached, or the connection to it was lost.
    case unreachable(path: String, reason: String)
    /// The connection was lost as a write was committed: it may or may not have been.
    case commitUnknown(path: String)
    /// Stopped when asked to (Ctrl-C), with nothing written.
    case cancelled(path: String)

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason):
            return "\(path): cannot create the status store: \(reason)"
        case let .notADatabase(path):
            return "\(path): not a hetao status store (the file is not an SQLite database, or it is damaged)"
        case let .notAStore(path):
            return "\(path): an SQLite database, but not a hetao status store; it was left unchanged (give --store a new "
                + "file, an empty one, or a store hetao created)"
        case let .damaged(path, reason):
            return "\(path): the status store is damaged: \(reason)"
        case let .newerSchema(path):
            return "\(path): the status store was written by a newer version of hetao; upgrade hetao to use it"
        case let .locked(path):
            return "\(path): the status store stayed locked by another process for too long; try again"
        case let .readOnly(path):
            return "\(path): the status store is read-only for this user; nothing was recorded"
        case let .rejected(path, reason):
            return "\(path): the status store refused the record: \(reason); nothing was recorded"
        case let .failed(path, reason):
            return "\(path): \(reason)"
        case let .unreachable(path, reason):
            return "\(path): the status store cannot be reached (\(reason)); nothing was written; try again when it is back"
        case let .commitUnknown(path):
            return "\(path): the connection to the status store was lost as the record was committed; it may have been recorded: "
                + "look with hetao history before recording it again"
        case let .cancelled(path):
            return "\(path): cancelled; nothing was written"
        }
    }

    /// sysexits: 73 cannot create, 65 bad data, 75 try again later, 77 no permission, 74 I/O;
    /// 130 as a shell reports a command ended by Ctrl-C.
    public var exitCode: Int32 {
        switch self {
        case .cannotCreate: return 73
        case .notADatabase, .notAStore, .damaged, .newerSchema, .rejected: return 65
        case .locked, .unreachable, .commitUnknown: return 75
        case .readOnly: return 77
        case .failed: return 74
        case .cancelled: return 130
        }
    }
}
