import Glibc
import HetaoDomain

/// Watches a status store for what other processes record, for a running dashboard: the
/// programme with the latest records laid over it, read again only when another process has
/// committed. Its `descriptor` (inotify on the store's folder) becomes readable when the
/// store's files change, so a dashboard can sleep until then instead of polling; where inotify
/// is missing it is nil and the caller polls.
public final class StoreWatcher {
    public let store: StatusStore
    private let base: Programme
    /// The days the dataset's sources were published: time travel's steps besides recording days.
    private let publicationDays: [Day]
    private var version: Int64?
    /// Readable when a file of the store changed (inotify, for a store in a file); drained by `poll`.
    private let files: Int32?
    /// Readable when the store may have changed: its files, or its server's notice of a record.
    /// Nil when it cannot be watched (no inotify; the server unreachable): the caller polls.
    public var descriptor: Int32? { store.isFile ? files : store.backend.changes }

    /// Told of each record this dashboard stored (for an audit log).
    public var onSaved: ((StatusRecord) -> Void)?

    public init(store: StatusStore, base: Programme) {
        self.store = store
        self.base = base
        publicationDays = base.publicationDays
        guard store.isFile else {
            files = nil
            return
        }
        let directory = store.path.contains("/") ? String(store.path[..<store.path.lastIndex(of: "/")!]) : "."
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        let events = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE)
        if fd >= 0, inotify_add_watch(fd, directory.isEmpty ? "/" : directory, events) >= 0 {
            files = fd
        } else {
            if fd >= 0 { close(fd) }
            files = nil
        }
    }

    deinit { if let files { close(files) } }

    public var isReadOnly: Bool { store.isReadOnly }

    /// Set while the store cannot be reached; the figures shown are as of its `figuresAsOf`.
    public private(set) var outage: StoreOutage?
    /// When the store was last read.
    private var readAt: String?

    /// How many records met so far could not be read.
    public var unreadableRecords: Int { store.unreadable.count }

    /// The programme with the latest records when the store changed since the last call (or on
    /// the first call); nil when nothing changed. A store that fails keeps the last figures.
    public func poll() -> Programme? {
        drain()
        let current: Int64
        do {
            current = try store.dataVersion()
            outage = nil
            readAt = StatusStore.timestamp()
        } catch {
            if case .unreachable = error, outage == nil {
                outage = StoreOutage(since: StatusStore.timestamp(), figuresAsOf: readAt ?? StatusStore.timestamp())
            }
            return nil
        }
        guard current != version, let latest = try? store.latest() else { return nil }
        version = current
        present = Dictionary(latest.map { ($0.slot, $0) }, uniquingKeysWith: { $1 })
        return base.applying(latest)
    }

    /// The latest records by slot as last read: the first step into the past starts from them,
    /// so it reads only what was recorded since the day it goes to.
    private var present: [String: StatusRecord]?
    /// A day after any record's: the present, as the start of a step.
    private static let presentDay = Day(year: 9999, month: 12, day: 30)!

    public func history(of subject: String, asKnownOn day: Day?) -> [StatusRecord] {
        (try? store.history(of: subject, asKnownOn: day)) ?? []
    }

    public func progress(_ request: ProgressRequest) -> ReportedProgress {
        (try? store.progress(request)) ?? .reports([])
    }

    /// The past day last shown and its records by slot, so the next step reads only what
    /// was recorded in between.
    private var shownPast: (day: Day, records: [String: StatusRecord])?

    public func programme(asKnownOn day: Day) -> Programme {
        var stepped: [String: StatusRecord]?
        if var shown = shownPast ?? present.map({ (day: Self.presentDay, records: $0) }) {
            shownPast = nil  // so that the records are updated in place, not copied
            if (try? store.latest(asKnownOn: day, from: shown.day, updating: &shown.records)) != nil { stepped = shown.records }
        }
        let records = stepped
            ?? Dictionary(((try? store.latest(asKnownOn: day)) ?? []).map { ($0.slot, $0) }, uniquingKeysWith: { $1 })
        shownPast = (day, records)
        return base.asPublished(on: day).applying(records.values)
    }

    /// The nearest day before `day` on which something became known: a record was made, or a
    /// source of the dataset was published. Time travel steps from one to the next.
    public func dayKnown(before day: Day) -> Day? {
        let recorded = try? store.recordingDay(before: day)
        let published = publicationDays.last { $0 < day }
        return [recorded, published].compactMap { $0 }.max()
    }

    /// The nearest day after `day` on which something became known.
    public func dayKnown(after day: Day) -> Day? {
        let recorded = try? store.recordingDay(after: day)
        let published = publicationDays.first { $0 > day }
        return [recorded, published].compactMap { $0 }.min()
    }

    public func stamp(startOf day: Day) -> String { LocalDay.start(of: day) }

    public func changes(since stamp: String) -> (changes: [NetChange], until: String) {
        // Taken before reading, so that a record committed meanwhile counts next time; by the
        // store's clock, as its records are stamped.
        guard let until = try? store.now() else { return ([], stamp) }
        return ((try? changes(since: stamp, until: until)) ?? [], until)
    }

    /// What changed between two stamps, net; a figure with no record before the period starts
    /// from the dataset's own.
    public func changes(since start: String, until end: String?) throws(StoreError) -> [NetChange] {
        try store.changes(since: start, until: end).map { change in
            var change = change
            if change.before == nil {
                change.before = base.datasetFigure(change.latest.kind, subject: change.subject, event: change.latest.event)
            }
            return change
        }
    }


    /// Offers a record made in the dashboard, checked against the dataset; the store stamps it
    /// with its writer.
    public func record(_ record: StatusRecord, today: Day, acceptingWarnings: Bool) -> RecordOutcome {
        do {
            let offer = try store.offer(record, dataset: base, today: today, acceptingWarnings: acceptingWarnings)
            // `data_version` counts other connections' commits only: our own must be read anew.
            if let saved = offer.saved {
                version = nil
                onSaved?(saved)
            }
            return offer.outcome
        } catch {
            return .failed(error.description)
        }
    }

    /// Reads the pending change notices; which file changed, or which record was noticed, does
    /// not matter: the data version says whether anything was committed.
    private func drain() {
        guard let files else { return store.backend.drainChanges() }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while read(files, &buffer, buffer.count) > 0 {}
    }
}
