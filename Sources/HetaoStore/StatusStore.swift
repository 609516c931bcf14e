import Foundation
import GRDB
import GRDBSQLite
import HetaoDomain
import Synchronization

/// The status history: an append-only SQLite table of records, shared by many viewers and a
/// few writers (WAL, busy timeout), created and seeded from the dataset on first use.
///
/// Opening never writes to an existing store unless its schema is behind or a derived table
/// is missing, so readers never wait for the write lock. A user who cannot write the store
/// opens it read-only; when no writer has it open and the `-shm` file cannot be created beside
/// it, the file is read as it stands (SQLite's `immutable`) and read again when it changes.
public final class StatusStore: @unchecked Sendable {
    public let path: String
    public let isReadOnly: Bool
    /// True when this process created the file (so a failed first import can remove it), or
    /// found it empty and made it a store (so a failed one leaves it empty again).
    public let wasCreated: Bool
    public let wasEmpty: Bool
    /// What opening the store did or had to fall back on, for the user to be told.
    public private(set) var notices: [String] = []
    /// Records met so far that could not be read, by id.
    public private(set) var unreadable: [Int64: DamagedRecord] = [:]
    /// Who writes through this store: every record it appends is stamped with this name, as
    /// `recorded_by`, whatever the record says.
    public var writer: String { signer.name.withLock { $0 } }
    private let signer: Signer

    var queue: DatabaseQueue
    private let busyTimeout: TimeInterval
    /// Set while the file is read as it stands: its state when it was opened.
    private var snapshot: FileSignature?
    /// Bumped each time the connection is opened again, so that `dataVersion` changes with it.
    private var generation: Int64 = 0
    /// True when `latest` cannot be used (a schema from before v2, or the table lost) and this
    /// user cannot repair it: the latest figures are computed from the records.
    var derivesLatest = false

    /// How long a writer waits for another to finish before giving up.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens the store at `path`. A new store (or an empty file) is created with the modes the
    /// umask allows for a new file (`0666 & ~umask`: group-writable under umask 002) and seeded
    /// from `programme` when one is given (an import into a new store starts it with exactly the
    /// file's records). A store this user cannot write, or any store when `readOnly` is set,
    /// opens read-only. Any other SQLite database is refused, unchanged. Seeding a new store
    /// tells `progress`; stopped there, it leaves the file as it found it (or none).
    public init(path: String, seedFrom programme: Programme?, readOnly: Bool = false, writer: String = StatusStore.currentUser,
                busyTimeout: TimeInterval = StatusStore.defaultBusyTimeout,
                progress: WorkProgress = .unwatched) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        signer = Signer(writer)
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
                try create(seedFrom: programme, progress: progress)
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
    public init(inMemory: Void, writer: String = StatusStore.currentUser) throws(StoreError) {
        path = ":memory:"
        isReadOnly = false
        wasCreated = false
        wasEmpty = false
        busyTimeout = 0
        signer = Signer(writer)
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { [signer] db in db.add(function: signer.function) }
            queue = try DatabaseQueue(configuration: configuration)
            try StoreSchema.migrator.migrate(queue)
        } catch { throw Self.translate(error, path: path) }
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

    /// A new store: WAL (which stays set in the file), the schema, and the dataset's figures,
    /// once, when two processes start on the same new file together.
    private func create(seedFrom programme: Programme?, progress: WorkProgress) throws {
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        try StoreSchema.migrator.migrate(queue)
        try queue.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meta WHERE key = 'created_at'") == 0 else { return }
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('created_at', ?)", arguments: [StatusStore.timestamp()])
            if let programme {
                try seed(db, from: programme, progress: progress)
                try ProgressByDay.rebuild(db, weights: CurveWeights(programme: programme))
            }
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

    /// Who the dataset's own first records are recorded by.
    static let seedRecorder = "dataset"

    /// The dataset's own figures become the first records, so every history starts there, each
    /// as of its source's publication.
    private func seed(_ db: Database, from programme: Programme, progress: WorkProgress) throws {
        var records: [StatusRecord] = []
        for b in programme.buildings {
            records.append(StatusRecord(kind: .progress, subject: b.id, asOf: programme.day(citing: b.percentComplete.sourceID),
                                        source: b.percentComplete.sourceID,
                                        percent: b.percentComplete.value))
            if let leased = b.shareLeased {
                records.append(StatusRecord(kind: .leasing, subject: b.id, asOf: programme.day(citing: leased.sourceID), source: leased.sourceID,
                                            shareLet: leased.value))
            }
        }
        for a in programme.allAllocations.map(\.allocation) {
            guard let source = (a.spent?.sourceID ?? a.committed?.sourceID) else { continue }
            records.append(StatusRecord(kind: .spend, subject: a.id, asOf: programme.day(citing: source), source: source,
                                        committed: a.committed?.value, spent: a.spent?.value))
        }
        let writer = signer.name.withLock { name in
            defer { name = Self.seedRecorder }
            return name
        }
        defer { signer.name.withLock { $0 = writer } }
        for (done, record) in records.enumerated() {
            var seeded = record
            seeded.note = "from the dataset: \(programme.title)"
            _ = try RecordRow.insert(seeded, db)
            try progress.report(.seeding, done + 1, of: records.count)
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded_from', ?)", arguments: [programme.title])
    }

    // MARK: - Reading

    /// Changes whenever another process commits: SQLite's `data_version`, which costs next to
    /// nothing to poll; for a file read as it stands, its size and times, and then the file is
    /// opened again.
    public func dataVersion() throws(StoreError) -> Int64 {
        do {
            if let snapshot, FileSignature(path: path) != snapshot {
                (queue, self.snapshot) = try Self.connect(path, writable: false, signer: signer, busyTimeout: busyTimeout)
                generation += 1
            }
            // Outside a transaction, with a prepared statement: this runs in every open dashboard.
            let version = try queue.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0 }
            return generation << 40 | version
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// The latest record of each kind, subject and event: the newest as-of among those no
    /// record supersedes. A latest record that cannot be read is reported in `unreadable` and
    /// the newest readable one before it shown instead.
    public func latest() throws(StoreError) -> [StatusRecord] {
        let sql = derivesLatest ? "SELECT * FROM record WHERE id IN (\(StoreSchema.latestIDs))"
            : "SELECT record.* FROM latest JOIN record ON record.id = latest.record_id"
        do {
            let (records, damaged) = try queue.read { db in
                var (records, damaged) = try RecordRow.fetch(db, sql: sql)
                for i in damaged.indices {
                    guard let row = try Row.fetchOne(db, sql: "SELECT kind, subject, event FROM record WHERE id = ?",
                                                     arguments: [damaged[i].id]) else { continue }
                    let earlier = try RecordRow.fetch(db, sql: """
                        SELECT * FROM record AS r WHERE kind = ? AND subject = ? AND event = ? AND id != ?
                        AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id) ORDER BY as_of DESC, id DESC
                        """, arguments: [row[0], row[1], row[2], damaged[i].id]).records
                    if let replacement = earlier.first {
                        records.append(replacement)
                        damaged[i].replacedBy = replacement.id
                    }
                }
                return (records, damaged)
            }
            note(damaged)
            return records
        } catch { throw Self.translate(error, path: path) }
    }

    /// Every record about `subject`, oldest first, corrections and superseded ones included.
    public func history(of subject: String) throws(StoreError) -> [StatusRecord] {
        try fetch("SELECT * FROM record WHERE subject = ? ORDER BY as_of, id", arguments: [subject])
    }

    /// The records about `subject` known at the end of `day` (nil: all), oldest first.
    public func history(of subject: String, asKnownOn day: Day?) throws(StoreError) -> [StatusRecord] {
        guard let day else { return try history(of: subject) }
        return try fetch("SELECT * FROM record WHERE subject = ? AND recorded_at < ? ORDER BY as_of, id",
                         arguments: [subject, LocalDay.start(of: day.adding(days: 1))])
    }

    /// The reported percentages of `subjects` (nil: every building) that stand as known at the
    /// end of `day` (nil: now), oldest first: a correction replaces what it corrects once it
    /// was made. Three columns a record, so a curve over a million records stays small.
    public func progressPoints(of subjects: [String]?, asKnownOn day: Day?) throws(StoreError) -> [ProgressPoint] {
        do {
            return try curveReader().read { try Self.progressPoints($0, of: subjects, asKnownOn: day) }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// What a group's curve reads: for now, the daily sums when they were made with the
    /// request's weights and cover every record; else (the past, other weights, a store another
    /// tool wrote to since) the reports themselves.
    public func progress(_ request: ProgressRequest) throws(StoreError) -> ReportedProgress {
        do {
            return try curveReader().read { db in
                if request.knownOn == nil, let daily = try ProgressByDay.read(db, batches: request.batches, weights: request.weights) {
                    return .daily(daily)
                }
                return .reports(try Self.progressPoints(db, of: request.subjects, asKnownOn: request.knownOn))
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// A connection of its own: a dashboard reads a curve off its input path, and the loop's own
    /// reads (a change to show, a key) must not wait for a million rows.
    private func curveReader() throws -> DatabaseQueue {
        path == ":memory:" ? queue : try Self.connect(path, writable: false, signer: signer, busyTimeout: busyTimeout).0
    }

    static func progressPoints(_ db: Database, of subjects: [String]?, asKnownOn day: Day?) throws -> [ProgressPoint] {
        // Now, every record is known: no condition on when, so the table is read in order rather
        // than through the recording-time index. The rows are put in order here, by day: cheaper
        // than SQLite's temporary B-tree of whole rows.
        let known = day.map { LocalDay.start(of: $0.adding(days: 1)) }
        let subjectList = subjects.flatMap(ProgressByDay.jsonList)
        let sql = StoreSchema.progressReports(known: known != nil, subjects: subjectList != nil)
        // What corrections replaced, read once (they are few) rather than looked for at every row.
        let corrected = """
            SELECT supersedes FROM record WHERE typeof(supersedes) = 'integer' \(known == nil ? "" : "AND recorded_at < :known")
            """
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        if let known { values["known"] = known }
        if let subjectList { values["subjects"] = subjectList }
        let arguments = StatementArguments(values)
        let replaced = Set(try Int64.fetchAll(db, sql: corrected,
                                              arguments: known.map { StatementArguments(["known": $0]) } ?? StatementArguments()))
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        // Each row goes into its day's group, and the groups are put in order of their
        // days; within a day, by id (the table is read in that order already, unless the
        // recording-time index was used).
        // Read straight from SQLite's columns, a day from its ten bytes: no strings made
        // but the subject's, nothing hashed but a day's number.
        let raw = statement.sqliteStatement
        var groups: [[(point: ProgressPoint, id: Int64)]] = []
        var groupOfDay: [Int: Int] = [:]
        var days: [Int] = []
        let unknownDay = Day(year: 1, month: 1, day: 1)!
        while try rows.next() != nil {
            guard sqlite3_column_type(raw, 3) == SQLITE_INTEGER, sqlite3_column_type(raw, 0) == SQLITE_TEXT,
                  let subjectText = sqlite3_column_text(raw, 0), let report = ProgressByDay.report(raw, day: 1, percent: 2)
            else { continue }
            let id = sqlite3_column_int64(raw, 3)
            if !replaced.isEmpty, replaced.contains(id) { continue }
            let (dayKey, percent) = (report.day, report.percent)
            let subject = String(decoding: UnsafeBufferPointer(start: subjectText, count: Int(sqlite3_column_bytes(raw, 0))),
                                 as: UTF8.self)
            let group: Int
            if let found = groupOfDay[dayKey] {
                group = found
            } else {
                group = groups.count
                groupOfDay[dayKey] = group
                groups.append([])
                days.append(dayKey)
            }
            groups[group].append((ProgressPoint(subject: subject, asOf: unknownDay, percent: percent), id))
        }
        var points: [ProgressPoint] = []
        points.reserveCapacity(groups.reduce(0) { $0 + $1.count })
        for group in days.indices.sorted(by: { days[$0] < days[$1] }) {
            guard let day = ProgressByDay.day(days[group]) else { continue }
            var members = groups[group]
            if zip(members, members.dropFirst()).contains(where: { $0.id > $1.id }) { members.sort { $0.id < $1.id } }
            points += members.map { ProgressPoint(subject: $0.point.subject, asOf: day, percent: $0.point.percent) }
        }
        return points
    }

    /// Every record, in the order recorded; reading tells `progress`, which may stop it.
    public func allRecords(progress: WorkProgress = .unwatched) throws(StoreError) -> [StatusRecord] {
        do {
            let (records, damaged) = try queue.read { db in
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0
                return try RecordRow.fetch(db, sql: "SELECT * FROM record ORDER BY id") { done throws(WorkCancelled) in
                    try progress.report(.reading, done, of: total)
                }
            }
            note(damaged)
            return records
        } catch is WorkCancelled {
            throw .cancelled(path: path)
        } catch { throw Self.translate(error, path: path) }
    }

    public func record(id: Int64) throws(StoreError) -> StatusRecord? {
        try fetch("SELECT * FROM record WHERE id = ?", arguments: [id]).first
    }

    /// What a correction of record `id` would correct: the record, and the correction that
    /// already supersedes it, if any.
    public func correctionTarget(_ id: Int64) throws(StoreError) -> CorrectionTarget {
        guard let record = try record(id: id) else { return .missing(id: id) }
        let by = try fetch("SELECT * FROM record WHERE supersedes = ?", arguments: [id]).first
        return .found(record, name: "record \(id)", correctedBy: by.map { "#\($0.id)" })
    }

    func fetch(_ sql: String, arguments: StatementArguments = []) throws(StoreError) -> [StatusRecord] {
        do {
            let (records, damaged) = try queue.read { try RecordRow.fetch($0, sql: sql, arguments: arguments) }
            note(damaged)
            return records
        } catch { throw Self.translate(error, path: path) }
    }

    private func note(_ damaged: [DamagedRecord]) {
        for record in damaged where unreadable[record.id]?.replacedBy == nil { unreadable[record.id] = record }
    }

    // MARK: - Writing

    /// Appends records in one transaction: all of them or none. Returns them with their ids.
    /// The daily sums of the S-curve are kept with them, weighed by `curve` (the dataset's);
    /// without it they fall stale, and curves are read from the reports until a writer with
    /// weights appends.
    @discardableResult
    public func append(_ records: [StatusRecord], curve: CurveWeights? = nil) throws(StoreError) -> [StatusRecord] {
        try append(records.map { PendingRecord(record: $0, supersedesRow: nil) }, curve: curve)
    }

    /// Appends records whose corrections may name an earlier record of the same batch by its
    /// position, resolved to the id it gets. Each is stamped by the store: now, by `writer`.
    func append(_ pending: [PendingRecord], curve: CurveWeights?, progress: WorkProgress = .unwatched) throws(StoreError) -> [StatusRecord] {
        guard !isReadOnly else { throw .readOnly(path: path) }
        do {
            return try queue.write { db in
                let insert = {
                    var saved: [StatusRecord] = []
                    saved.reserveCapacity(pending.count)
                    for item in pending {
                        var record = item.record
                        if let row = item.supersedesRow { record.supersedes = saved[row].id }
                        saved.append(try RecordRow.insert(record, db))
                        try progress.report(.writing, saved.count, of: pending.count)
                    }
                    return saved
                }
                guard let curve else { return try insert() }
                return try ProgressByDay.keep(db, weights: curve, records: pending.map(\.record), during: insert)
            }
        } catch is WorkCancelled {
            throw .cancelled(path: path)
        } catch { throw Self.translate(error, path: path) }
    }

    /// Closes the store and removes its files when this process created it, or empties the
    /// file again when it found it empty: a first import or restore that failed leaves the
    /// file as it found it.
    public func discardIfNew() {
        guard wasCreated || wasEmpty else { return }
        try? queue.close()
        for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
        if wasCreated { unlink(path) } else { truncate(path, 0) }
    }

    /// Now, as recorded: ISO 8601 in UTC with milliseconds. Computed here: Foundation's date
    /// formatters look up the current time zone through ICU, whose data is megabytes of memory.
    public static func timestamp(_ date: Date = Date()) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let dayLength = 86_400_000
        let days = milliseconds >= 0 ? milliseconds / dayLength : (milliseconds + 1) / dayLength - 1
        let time = milliseconds - days * dayLength
        return Day(ordinal: days).iso + "T" + Format.zeroPadded(time / 3_600_000, width: 2) + ":"
            + Format.zeroPadded(time / 60_000 % 60, width: 2) + ":" + Format.zeroPadded(time / 1000 % 60, width: 2) + "."
            + Format.zeroPadded(time % 1000, width: 3) + "Z"
    }

    /// The OS user recording.
    public static var currentUser: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessEnvironment.variables["USER"] ?? "uid \(geteuid())"
    }
}

/// Who writes through a store, as its connections' SQL function answers: the writer given
/// when it was opened, or the dataset while a new store is seeded.
final class Signer: Sendable {
    let name: Mutex<String>

    /// A writer who happens to be called what the dataset's own records are signed with is told
    /// apart from them: those records are where histories start, never changes.
    init(_ name: String) { self.name = Mutex(name == StatusStore.seedRecorder ? "user " + name : name) }

    var function: DatabaseFunction {
        DatabaseFunction(StoreSchema.writerFunction, argumentCount: 0, pure: false) { [self] _ in name.withLock { $0 } }
    }
}

/// A record on its way into the store; `supersedesRow` names an earlier record of the same
/// batch by position.
struct PendingRecord {
    var record: StatusRecord
    var supersedesRow: Int?
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
