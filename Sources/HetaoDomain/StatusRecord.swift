/// What a status record reports.
public enum RecordKind: String, CaseIterable, Sendable, Codable {
    case progress, milestone, leasing, spend
}

/// The building events a milestone record can date.
public enum BuildingEvent: String, CaseIterable, Sendable, Codable {
    case start
    case toppingOut = "topping-out"
    case completion
}

/// One dated report of construction status, as programme staff record it. Records are never
/// edited: a correction is a new record that `supersedes` the one it corrects, so the history
/// shows what was known when.
public struct StatusRecord: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var kind: RecordKind
    /// The building, allocation or milestone the record is about.
    public var subject: String
    /// For a milestone record on a building: which event it dates.
    public var event: BuildingEvent?
    /// The date the reported status refers to.
    public var asOf: Day
    /// When it was recorded (ISO 8601, UTC) and by whom (the OS user, or the SSH user of
    /// `hetao serve`). The store stamps both as it writes; whatever a record carries here on its
    /// way in is ignored, so no input can date or sign a record.
    public var recordedAt: String
    public var recordedBy: String
    /// For an imported record that carried its own stamps (an export from elsewhere): when and
    /// by whom it says it was first recorded. Shown beside the store's stamps, never in place
    /// of them: time travel and the changes see the import when it happened.
    public var origin: RecordOrigin?
    public var note: String
    public var source: String
    public var supersedes: Int64?

    public var percent: Double?
    public var status: BuildingStatus?
    public var forecast: Day?
    public var actual: Day?
    public var shareLet: Double?
    public var tenants: Int?
    public var committed: HKD?
    public var spent: HKD?

    public init(id: Int64 = 0, kind: RecordKind, subject: String, event: BuildingEvent? = nil, asOf: Day,
                recordedAt: String = "", recordedBy: String = "", origin: RecordOrigin? = nil, note: String = "", source: String,
                supersedes: Int64? = nil, percent: Double? = nil, status: BuildingStatus? = nil, forecast: Day? = nil,
                actual: Day? = nil, shareLet: Double? = nil, tenants: Int? = nil, committed: HKD? = nil,
                spent: HKD? = nil) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.event = event
        self.asOf = asOf
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.origin = origin
        self.note = note
        self.source = source
        self.supersedes = supersedes
        self.percent = percent
        self.status = status
        self.forecast = forecast
        self.actual = actual
        self.shareLet = shareLet
        self.tenants = tenants
        self.committed = committed
        self.spent = spent
    }

    /// The key under which a later record replaces this one as the latest: kind, subject, event.
    public var slot: String { "\(kind.rawValue)|\(subject)|\(event?.rawValue ?? "")" }
}

/// The stamps an imported record carried: when and by whom its file says it was recorded.
public struct RecordOrigin: Hashable, Sendable {
    public var recordedAt: String
    public var recordedBy: String

    public init(recordedAt: String, recordedBy: String) {
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}

/// What changed about one figure over a period, net: the figure as known when the period
/// began (a record, or the dataset's own figure), as known when it ended, and every record made
/// in between, corrections included, oldest first. A record a later one corrects is part of
/// the change, never a change of its own.
public struct NetChange: Hashable, Sendable {
    /// The figure as known when the period began; nil when neither a record nor the dataset had one.
    public var before: StatusRecord?
    /// The figure as known when the period ended; nil when every record was withdrawn.
    public var after: StatusRecord?
    /// The records made in the period about this figure, oldest first.
    public var records: [StatusRecord]

    public init(before: StatusRecord?, after: StatusRecord?, records: [StatusRecord]) {
        self.before = before
        self.after = after
        self.records = records
    }

    /// The figure's last record in the period: what it is about.
    public var latest: StatusRecord { records[records.count - 1] }
    public var slot: String { latest.slot }
    public var subject: String { latest.subject }

    /// The records made in the period that a later record corrects, by id: the one that corrects it.
    public var correctedBy: [Int64: Int64] {
        Dictionary(records.compactMap { r in r.supersedes.map { ($0, r.id) } }, uniquingKeysWith: { $1 })
    }
}

extension Sequence<StatusRecord> {
    /// The records no correction withdrew, in order: what a figure's history stands on.
    public var standing: [StatusRecord] {
        let records = Array(self)
        let withdrawn = Set(records.compactMap(\.supersedes))
        return records.filter { !withdrawn.contains($0.id) }
    }
}
