import Foundation
import GRDB
import HetaoDomain
import Synchronization

/// A status store in an SQLite file: WAL, a busy timeout, shared by many viewers and a few
/// writers. Opening never writes to an existing store unless its schema is behind or a derived
/// table is missing, so readers never wait for the write lock. A user who cannot write the
/// store opens it read-only; when no writer has it open and the `-shm` file cannot be created
/// beside it, the file is read as it stands (SQLite's `immutable`) and read again when it changes.
final class SQLiteBackend: StoreBackend {
    let path: String
    let isReadOnly: Bool
    let wasCreated: Bool
    let wasEmpty: Bool
    private(set) var notices: [String] = []
    var derivesLatest = false
    var writer: String { signer.name.withLock { $0 } }
    var dialect: StoreDialect { .sqlite }
    private let signer: Signer
    private let busyTimeout: TimeInterval
    private var queue: DatabaseQueue
    /// Set while the file is read as it stands: its state when it was opened.
    private var snapshot: FileSignature?
    /// Bumped each time the connection is opened again, so that `dataVersion` changes with it.
    private var generation: Int64 = 0

    /// Opens the store at `path`. A new store (or an empty file) is created with the modes the
    /// umask allows for a new file (`0666 & ~umask`: group-writable under umask 002), and `seed`
    /// writes its first records. Any other SQLite database is refused, unchanged. Stopped while
    /// seeding, it leaves the file as it found it (or none).
    init(path: String, readOnly: Bool, signer: Signer, busyTimeout: TimeInterval,
         seed: ((any StoreSQL) throws -> Void)?) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.signer = signer
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var created = false
        if !FileManager.default.fileExists(atPath: path) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreate(path: path, reason: "cannot create the folder \(directory)")
            }
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
            if fd < 0 && errno != EEXIST { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
            if fd >= 0 { close(fd); created = true }
        }
        wasCreated = created
        let lock = OpeningLock(folder: directory, exclusive: !readOnly && access(path, W_OK) == 0)
        defer { lock.release() }
        var status = stat()
        guard stat(path, &status) == 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        let initialise = status.st_size == 0
        wasEmpty = initialise && !created
        let canWrite = access(path, W_OK) == 0 && access(directory, W_OK) == 0
        if initialise && !canWrite { throw .readOnly(path: path) }
        isReadOnly = !canWrite || (readOnly && !initialise)
        do {
            (queue, snapshot) = try Self.connect(path, writable: !isReadOnly, signer: signer, busyTimeout: busyTimeout)
        } catch {
            throw Self.translate(error, path: path)
        }
        do {
            if initialise {
                try create(seed: seed)
                if !created { notices.append("\(path) was an empty file; it is now a new status store") }
            } else {
                try check()
            }
        } catch is WorkCancelled {
            // Closed first, so that no checkpoint writes the schema back into the file.
            try? queue.close()
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
            if created { unlink(path) } else { truncate(path, 0) }
            throw .cancelled(path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// A store in memory, for checking records without touching any file (`import --dry-run`
    /// of a store that does not exist yet).
    init(inMemory signer: Signer) throws(StoreError) {
        path = ":memory:"
        isReadOnly = false
        wasCreated = false
        wasEmpty = false
        busyTimeout = 0
        self.signer = signer
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { [signer] db in db.add(function: signer.function) }
            queue = try DatabaseQueue(configuration: configuration)
            try StoreSchema.migrator.migrate(queue)
        } catch { throw Self.translate(error, path: path) }
    }

    func read<T>(_ body: (any StoreSQL) throws -> T) throws -> T {
        try queue.read { try body(SQLiteSQL(db: $0)) }
    }

    func write<T>(as writer: String?, _ body: (any StoreSQL) throws -> T) throws -> T {
        guard let writer else { return try queue.write { try body(SQLiteSQL(db: $0)) } }
        let usual = signer.name.withLock { name in
            defer { name = writer }
            return name
        }
        defer { signer.name.withLock { $0 = usual } }
        return try queue.write { try body(SQLiteSQL(db: $0)) }
    }

    func readAside<T>(_ body: (any StoreSQL) throws -> T) throws -> T {
        let reader = path == ":memory:" ? queue : try Self.connect(path, writable: false, signer: signer, busyTimeout: busyTimeout).0
        return try reader.read { try body(SQLiteSQL(db: $0)) }
    }

    /// SQLite's `data_version`, which costs next to nothing to poll; for a file read as it
    /// stands, its size and times, and then the file is opened again.
    func dataVersion() throws -> Int64 {
        if let snapshot, FileSignature(path: path) != snapshot {
            (queue, self.snapshot) = try Self.connect(path, writable: false, signer: signer, busyTimeout: busyTimeout)
            generation += 1
        }
        // Outside a transaction, with a prepared statement: this runs in every open dashboard.
        let version = try queue.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0 }
        return generation << 40 | version
    }

    /// A file is watched by the one who reads it (inotify on its folder).
    var changes: Int32? { nil }
    func drainChanges() {}

    func now() throws -> String { StatusStore.timestamp() }

    func translate(_ error: any Error) -> StoreError { Self.translate(error, path: path) }

    /// Closes the store and removes its files when this process created it, or empties the
    /// file again when it found it empty.
    func discardIfNew() {
        guard wasCreated || wasEmpty else { return }
        try? queue.close()
        for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
        if wasCreated { unlink(path) } else { truncate(path, 0) }
    }

    /// A connection; for a reader that cannot create the `-shm` file a WAL store needs, the
    /// file as it stands.
    private static func connect(_ path: String, writable: Bool, signer: Signer,
                                busyTimeout: TimeInterval) throws -> (DatabaseQueue, FileSignature?) {
        var configuration = Configuration()
        configuration.readonly = !writable
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "hetao-status"
        configuration.prepareDatabase { db in
            if writable {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                db.add(function: signer.function)
            }
            // A dashboard stepping through the past reads the same slot index again and again:
            // up to 32 MB of it stays in the connection rather than being read from the file.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            if !writable { try queue.read { _ = try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") } }
            return (queue, nil)
        } catch let error as DatabaseError where !writable && [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
            let signature = FileSignature(path: path)
            let queue = try DatabaseQueue(path: "file:\(uriEscaped(path))?immutable=1", configuration: configuration)
            return (queue, signature)
        }
    }

    private static func uriEscaped(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// A new store: WAL (which stays set in the file), the schema, and the first records, once,
    /// when two processes start on the same new file together.
    private func create(seed: ((any StoreSQL) throws -> Void)?) throws {
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        try StoreSchema.migrator.migrate(queue)
        try write(as: StatusStore.seedRecorder) { sql in
            guard try sql.value("SELECT COUNT(*) FROM meta WHERE key = 'created_at'", as: Int.self) == 0 else { return }
            try sql.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", [StatusStore.timestamp().databaseValue])
            try seed?(sql)
        }
    }

    /// An existing file: a hetao store, not newer than this program, with its derived tables
    /// (migrated or repaired when this user can write, computed on reading when not).
    private func check() throws {
        defer { if !isReadOnly { addProgressIndex() } }
        let migrator = StoreSchema.migrator
        let (kind, newer, current, hasRecords) = try queue.read { db in
            (try StoreSchema.kind(db), try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db),
             try db.tableExists("record"))
        }
        guard kind == .hetao else { throw StoreError.notAStore(path: path) }
        if newer { throw StoreError.newerSchema(path: path) }
        guard hasRecords else {
            throw StoreError.damaged(path: path, reason: "its record table is missing; restore it from a backup or an export")
        }
        if !current {
            if isReadOnly { derivesLatest = true } else { try migrator.migrate(queue) }
            return
        }
        let missing = try queue.read { try StoreSchema.missingDerivedObjects($0) }
        guard !missing.isEmpty else { return }
        if isReadOnly {
            derivesLatest = true
            notices.append("\(path): the store is missing \(missing.joined(separator: ", ")); the latest figures are "
                           + "computed from the records (a user who can write the store repairs it by running hetao)")
        } else {
            let count = try queue.write { db in
                try StoreSchema.repair(db)
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0
            }
            notices.append("\(path): the store was missing \(missing.joined(separator: ", ")); rebuilt from its \(count) records")
        }
    }

    /// Adds the S-curve's index when missing; without it a curve reads the table, so a failure
    /// (a full disk) changes nothing but the time.
    private func addProgressIndex() {
        _ = try? queue.write { db in
            if try String.fetchOne(db, sql: "SELECT name FROM sqlite_master WHERE name = 'record_progress'") == nil {
                try db.execute(sql: StoreSchema.progressIndex)
            }
        }
    }

    static func translate(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .failed(path: path, reason: "\(error)") }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notADatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
        case .SQLITE_CANTOPEN: return .cannotCreate(path: path, reason: "cannot open the file")
        case .SQLITE_CONSTRAINT: return .rejected(path: path, reason: error.message ?? "a constraint failed")
        default: return .failed(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}

/// Who writes through an SQLite store, as its connections' SQL function answers: the writer
/// given when it was opened, or the dataset while a new store is seeded.
final class Signer: Sendable {
    let name: Mutex<String>

    /// A writer who happens to be called what the dataset's own records are signed with is told
    /// apart from them: those records are where histories start, never changes.
    init(_ name: String) { self.name = Mutex(name == StatusStore.seedRecorder ? "user " + name : name) }

    var function: DatabaseFunction {
        DatabaseFunction(StoreSchema.writerFunction, argumentCount: 0, pure: false) { [self] _ in name.withLock { $0 } }
    }
}

/// The state of a file that is read as it stands: when it changes, a writer has been at it.
struct FileSignature: Equatable {
    var main: [Int]
    var wal: [Int]

    init(path: String) {
        func signature(_ path: String) -> [Int] {
            var status = stat()
            guard stat(path, &status) == 0 else { return [] }
            return [Int(status.st_ino), Int(status.st_size), status.st_mtim.tv_sec, status.st_mtim.tv_nsec]
        }
        main = signature(path)
        wal = signature(path + "-wal")
    }
}
