/// What a building is for.
public enum BuildingUse: String, CaseIterable, Sendable, Codable {
    case wetLab = "wet-lab"
    case dryLab = "dry-lab"
    case talentHousing = "talent-housing"
    case dataCentre = "data-centre"
    case mixed
}

/// Baseline, forecast and actual dates for one event (start, topping-out, completion).
public struct DatePlan: Hashable, Sendable, Codable {
    public var baseline: DatedValue?
    public var forecast: DatedValue?
    public var actual: DatedValue?

    public init(baseline: DatedValue? = nil, forecast: DatedValue? = nil, actual: DatedValue? = nil) {
        self.baseline = baseline
        self.forecast = forecast
        self.actual = actual
    }

    /// The best current expectation: what happened, else what is forecast.
    public var expected: DatedValue? { actual ?? forecast }
}

/// A building of the park. Where the building number is not public the label is a
/// placeholder (`isPlaceholder`) and displays say so, rather than inventing a number.
public struct Building: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var label: String
    public var isPlaceholder: Bool
    public var batchID: String
    public var nameEN: String
    public var nameZH: String
    /// Only some uses are published (four wet-lab buildings in Batch 1): the rest are illustrative.
    public var use: Sourced<BuildingUse>
    public var storeys: Sourced<Int>?
    /// Gross floor area in m²: the weight of this building in batch and phase completion.
    public var floorArea: Sourced<Double>
    public var start: DatePlan
    public var toppingOut: DatePlan
    public var completion: DatePlan
    /// Percent complete, 0–100.
    public var percentComplete: Sourced<Double>
    /// Share of lettable space leased, 0–100.
    public var shareLeased: Sourced<Double>?
    public var note: String?
    public var sourceID: String
    /// Other sources consulted (corroborating or disagreeing); the note says how.
    public var otherSourceIDs: [String] = []
    /// Chinese text of the English fields, where the dataset gives it.
    public var chinese = ChineseText()
    /// A status reported in the store, which takes precedence over the derived one.
    public var reportedStatus: BuildingStatus?
    /// When progress and leasing were last reported in the store.
    public var progressReport: ReportStamp?
    public var leasingReport: ReportStamp?

    public init(id: String, label: String, isPlaceholder: Bool, batchID: String, nameEN: String,
                nameZH: String, use: Sourced<BuildingUse>, storeys: Sourced<Int>?, floorArea: Sourced<Double>,
                start: DatePlan, toppingOut: DatePlan, completion: DatePlan,
                percentComplete: Sourced<Double>, shareLeased: Sourced<Double>?, note: String?,
                sourceID: String) {
        self.id = id
        self.label = label
        self.isPlaceholder = isPlaceholder
        self.batchID = batchID
        self.nameEN = nameEN
        self.nameZH = nameZH
        self.use = use
        self.storeys = storeys
        self.floorArea = floorArea
        self.start = start
        self.toppingOut = toppingOut
        self.completion = completion
        self.percentComplete = percentComplete
        self.shareLeased = shareLeased
        self.note = note
        self.sourceID = sourceID
    }

    /// Where the building stands on `day`. A status reported in the store wins; then a recorded
    /// actual date; without one, progress decides: 100 % is complete, anything above 0 % is under
    /// construction.
    public func status(on day: Day) -> BuildingStatus {
        if let reportedStatus { return reportedStatus }
        if let done = completion.actual, done.day <= day { return .completed }
        if percentComplete.value >= 100 { return .completed }
        if let top = toppingOut.actual, top.day <= day { return .toppedOut }
        if let started = start.actual, started.day <= day { return .underConstruction }
        if percentComplete.value > 0 { return .underConstruction }
        return .planned
    }

    /// Completion slip in days: the actual (or else forecast) completion minus the baseline.
    /// Positive means late; nil when either date is missing.
    public var slipDays: Int? {
        guard let baseline = completion.baseline, let expected = completion.expected else { return nil }
        // From the end of each published period (a baseline of "2024-12" is met by 31 December),
        // as milestones count it.
        return baseline.lastDay.days(until: expected.lastDay)
    }

    /// Whether the latest progress report is older than `days` on `day`. A completed building
    /// is never stale: nothing more is to be reported.
    public func isProgressStale(on day: Day, afterDays days: Int) -> Bool {
        progressReport?.isStale(on: day, afterDays: days) == true && status(on: day) != .completed
    }

    /// How late the completion is, by the one rule every view uses.
    public var lateness: Lateness { Lateness(slipDays: slipDays) }

    /// Every source this building's figures point to, primary first, then the others
    /// consulted, without repeats.
    public var sourceIDs: [String] {
        let dates = [start, toppingOut, completion].flatMap { [$0.baseline, $0.forecast, $0.actual] }.map { $0?.sourceID }
        return Source.distinct([sourceID, use.sourceID, floorArea.sourceID, percentComplete.sourceID, storeys?.sourceID,
                                shareLeased?.sourceID] + dates + otherSourceIDs)
    }
}

/// A building's construction status, in the order work proceeds.
public enum BuildingStatus: String, CaseIterable, Sendable, Codable, Comparable {
    case planned
    case underConstruction = "under-construction"
    case toppedOut = "topped-out"
    case completed

    private var rank: Int { BuildingStatus.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: BuildingStatus, b: BuildingStatus) -> Bool { a.rank < b.rank }
}

/// How late a completion is against its baseline: on time (or early), late, or more than half
/// a year late.
public enum Lateness: Hashable, Sendable {
    case unknown, onTime, late, veryLate

    /// Beyond this many days late a slip is serious.
    public static let seriousAfterDays = 180

    public init(slipDays: Int?) {
        switch slipDays {
        case .none: self = .unknown
        case .some(let d) where d > Lateness.seriousAfterDays: self = .veryLate
        case .some(let d) where d > 0: self = .late
        default: self = .onTime
        }
    }
}
