import ArgumentParser
import Foundation
import HetaoDomain
import HetaoAudit
import HetaoStore
import HetaoViewModels
import Logging

/// Options of every command that uses the status store.
public struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The status store: an SQLite file, or a PostgreSQL database (a postgres:// URL, or libpq's key=value words). "
            + "Default: $HETAO_STORE, else $XDG_DATA_HOME/hetao/status.sqlite, else ~/.local/share/hetao/status.sqlite.",
        valueName: "store"))
    public var store: String?

    @Flag(name: .long, help: "Open the status store for reading only, whatever the file's permissions.")
    public var readOnly = false

    @Flag(name: .long, help: "No progress bar on standard error for long work (seeding a new store, an import, an export); errors still print.")
    public var quiet = false

    public init() {}

    /// The store these flags choose, and how it is opened.
    public var choice: StoreChoice { StoreChoice(option: store, readOnly: readOnly, quiet: quiet) }
}

/// Which status store, and how: what `StoreOptions` holds once parsed, and what the dashboard
/// opens with by default when it starts without parsing (`StoreChoice()`).
public struct StoreChoice: Sendable {
    /// `--store`.
    public var option: String?
    public var readOnly = false
    public var quiet = false

    public init(option: String? = nil, readOnly: Bool = false, quiet: Bool = false) {
        (self.option, self.readOnly, self.quiet) = (option, readOnly, quiet)
    }

    /// `--store`, `HETAO_STORE`, the config file's `store`, or the default; a bad config file
    /// stops here (exit 78).
    public var path: String {
        get throws { StorePath.resolve(option: option, configured: UserConfig.store(try UserConfig.load())) }
    }

    /// The store, created (and seeded from `programme`, when given) on first use; or an exit
    /// with the reason.
    public func open(seedingFrom programme: Programme?) throws -> StatusStore {
        try Recorder.confirmSession()
        let path = try self.path
        do {
            return try opened(path, seedingFrom: programme)
        } catch {
            Console.error("hetao: \(error)")
            throw ExitCode(error.exitCode)
        }
    }

    /// The store at `path`, created and seeded on first use (the seeding shown), its notices said.
    private func opened(_ path: String, seedingFrom programme: Programme?) throws(StoreError) -> StatusStore {
        let display = ProgressDisplay(task: "new store", quiet: quiet)
        defer { display.finish() }
        let store = try StatusStore(path: path, seedFrom: programme, readOnly: readOnly, writer: Recorder.name(storing: path),
                                    progress: display.progress)
        for notice in store.notices { Console.error("hetao: note: \(notice)") }
        return store
    }

    /// Says which records could not be read; true when there were any.
    @discardableResult
    public func tellUnreadable(_ store: StatusStore) -> Bool {
        for record in store.unreadable.values.sorted(by: { $0.id < $1.id }) { Console.error("hetao: \(store.path): \(record)") }
        return !store.unreadable.isEmpty
    }

    /// The status store's feed for showing the programme. A store that cannot be created (a
    /// read-only home, say) leaves the dataset alone, with a note; a damaged, newer or locked
    /// store stops here.
    public func openFeed(_ dataset: Programme) throws -> StoreWatcher? {
        try Recorder.confirmSession()
        let path = try self.path
        do {
            let watcher = StoreWatcher(store: try opened(path, seedingFrom: dataset), base: dataset)
            watcher.onSaved = { Recorder.audit([$0]) }
            return watcher
        } catch {
            if case .cannotCreate = error {
                Console.error("hetao: \(error); showing the dataset only")
                return nil
            }
            Console.error("hetao: \(error)")
            throw ExitCode(error.exitCode)
        }
    }
}

/// Today's date where the command runs: what as-of dates are checked against. Read from the C
/// library's local time rather than `Calendar`, which would load calendar data into every
/// dashboard's memory.
public enum Today {
    public static var day: Day {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? Day(ordinal: Int(now / 86_400))
    }
}

/// Who records: the OS user; in a session of `hetao serve`, the SSH user's name that the server
/// passes in `HETAO_RECORDED_BY`.
public enum Recorder {
    /// The name records made here are stamped with, in the store at `path`. `HETAO_RECORDED_BY` is
    /// believed only from the server itself: this process's parent must be the `hetao-serve`
    /// installed beside this program, and the store the server's own (a file owned by this user,
    /// or a PostgreSQL database, whose roles say who writes). Anyone
    /// else who sets it still records as themselves, and is told so once.
    public static func name(storing path: String) -> String {
        let given = ProcessEnvironment.variables["HETAO_RECORDED_BY"] ?? ""
        if given.isEmpty { return StatusStore.currentUser }
        if ServeSession.isLive && ownsStore(path) { return given }
        if !toldOfIgnoredName {
            toldOfIgnoredName = true
            Console.error("hetao: note: HETAO_RECORDED_BY is set by hetao serve for its sessions only; recording as "
                          + StatusStore.currentUser)
        }
        return StatusStore.currentUser
    }

    /// The name a user's own state (the last visit) is kept under.
    public static var user: String {
        guard let given = ProcessEnvironment.variables["HETAO_RECORDED_BY"], !given.isEmpty, ServeSession.isLive else {
            return StatusStore.currentUser
        }
        return given
    }

    nonisolated(unsafe) private static var toldOfIgnoredName = false

    /// A session of a recorder or an administrator whose server cannot be confirmed (replaced by
    /// an upgrade and not yet restarted, or unreadable in `/proc`) opens no store: its records
    /// would otherwise be stamped with the service's own name instead of the person's.
    public static func confirmSession() throws {
        let environment = ProcessEnvironment.variables
        guard ["recorder", "admin"].contains(environment["HETAO_ROLE"] ?? ""), !(environment["HETAO_RECORDED_BY"] ?? "").isEmpty,
              !ServeSession.isLive else { return }
        Console.error("hetao: this session's server cannot be confirmed as the hetao-serve installed beside hetao "
                      + "(restart the service after an upgrade); nothing was opened or recorded")
        throw ExitCode(77)
    }

    /// Whether this user owns the store's file, or its folder when the file is not made yet.
    /// For a file, that it is this user's; a store on PostgreSQL is the database's to guard: its
    /// writer role is the server's and its administrators', who can sign as anyone there anyway.
    private static func ownsStore(_ path: String) -> Bool {
        if StoreLocation.postgres(path) != nil { return true }
        var status = stat()
        if stat(path, &status) == 0 { return status.st_uid == geteuid() }
        let folder = (path as NSString).deletingLastPathComponent
        return stat(folder.isEmpty ? "." : folder, &status) == 0 && status.st_uid == geteuid()
    }

    /// Adds each record written to the audit log of the `hetao serve` that started this
    /// process (`HETAO_AUDIT_LOG`); nothing otherwise.
    public static func audit(_ records: [StatusRecord]) {
        guard let log = auditLog else { return }
        for record in records {
            log.info("record written", metadata: ["id": "\(record.id)", "user": "\(record.recordedBy)",
                                                  "kind": "\(record.kind.rawValue)", "subject": "\(record.subject)",
                                                  "as_of": "\(record.asOf.iso)"])
        }
    }

    /// An import as one line: how many records, which ids, by whom.
    public static func auditImport(_ records: [StatusRecord]) {
        guard let log = auditLog, let first = records.first, let last = records.last else { return }
        log.info("records imported", metadata: ["count": "\(records.count)", "ids": "\(first.id)-\(last.id)",
                                                "user": "\(first.recordedBy)"])
    }

    private static var auditLog: Logger? {
        guard let path = ProcessEnvironment.variables["HETAO_AUDIT_LOG"], !path.isEmpty,
              let handler = try? AuditLogHandler(path: path) else { return nil }
        return Logger(label: "hetao.record") { _ in handler }
    }
}

/// The store's watcher is the dashboard's feed of recorded status.
extension StoreWatcher: StatusFeed {}
