import HetaoDomain
import HetaoText

/// One building as the table shows it: display-ready text with its severity and whether it is
/// illustrative.
public struct BuildingRow: Hashable, Sendable {
    public var id: String
    public var label: String
    public var isPlaceholder: Bool
    /// The name in the language shown, and in the other one.
    public var name: String
    public var otherName: String
    public var use: String
    public var storeys: String
    public var status: String
    public var statusSeverity: Severity
    public var progress: Double
    public var progressText: String
    public var progressIllustrative: Bool
    public var baseline: String
    public var expected: String
    /// True when `expected` is the actual completion, not a forecast.
    public var isCompleted: Bool
    public var datesIllustrative: Bool
    public var slip: String
    public var slipSeverity: Severity
    public var leased: String
    public var leasedIllustrative: Bool
    /// The as-of date of the latest progress report; it and the progress are marked `!` when
    /// the report is older than the staleness threshold.
    public var reported: String
    public var isStale: Bool

    /// The text of a column, for display and for the filter.
    public func text(_ column: BuildingColumn) -> String {
        switch column {
        case .label: return label
        case .name: return name
        case .otherName: return otherName
        case .use: return use
        case .storeys: return storeys
        case .status: return status
        case .progress: return progressText
        case .baseline: return baseline
        case .expected: return expected
        case .slip: return slip
        case .leased: return leased
        case .reported: return reported
        case .id: return id
        }
    }
}

/// The buildings table: rows filtered by the `/` query over names, uses and status, and sorted
/// by the chosen column.
public struct BuildingsViewModel: Sendable {
    public let rows: [BuildingRow]
    public let sort: BuildingColumn
    public let ascending: Bool
    public let filter: String
    public let totalCount: Int

    public init(programme: Programme, state: AppState, live: LiveContext? = nil) {
        let asOf = programme.asOf
        let live = live ?? LiveContext(today: asOf)
        let t = Texts(state.language)
        let query = state.buildingFilter.lowercased()
        let matching = programme.buildings.filter { building in
            guard !query.isEmpty else { return true }
            // Either language finds a building, whichever is shown.
            let haystack = [building.label, building.nameEN, building.nameZH, building.id]
                + Language.allCases.flatMap { language in
                    [Texts(language).use(building.use.value), Texts(language).status(building.status(on: asOf))]
                }
            return haystack.contains { $0.lowercased().contains(query) }
        }
        let sorted = matching.sorted { a, b in
            let order = BuildingsViewModel.compare(a, b, by: state.buildingSort, asOf: asOf, texts: t)
            if order != 0 { return state.buildingSortAscending ? order < 0 : order > 0 }
            // Ties read in building order whichever way the column is sorted.
            let byLabel = BuildingsViewModel.compare(a, b, by: .label, asOf: asOf, texts: t)
            return byLabel != 0 ? byLabel < 0 : a.id < b.id
        }
        rows = sorted.map { BuildingsViewModel.row($0, programme: programme, live: live, texts: t) }
        sort = state.buildingSort
        ascending = state.buildingSortAscending
        filter = state.buildingFilter
        totalCount = programme.buildings.count
    }

    static func row(_ b: Building, programme p: Programme, live: LiveContext, texts t: Texts) -> BuildingRow {
        let stale = b.progressReport?.isStale(on: live.today, afterDays: live.staleAfterDays) ?? false
        let status = b.status(on: p.asOf)
        let mark = { (source: String) in p.isIllustrative(source) ? "*" : "" }
        let baseline = b.completion.baseline
        let expected = b.completion.expected
        let datesIllustrative = [baseline, expected].contains { $0.map { p.isIllustrative($0.sourceID) } ?? false }
        let slipSeverity = Severity(b.lateness)
        return BuildingRow(
            id: b.id, label: b.label, isPlaceholder: b.isPlaceholder, name: t.name(b.nameEN, chinese: b.nameZH),
            otherName: t.otherName(b.nameEN, chinese: b.nameZH),
            use: t.use(b.use.value) + mark(b.use.sourceID),
            storeys: b.storeys.map { String($0.value) + mark($0.sourceID) } ?? "",
            status: t.status(status),
            statusSeverity: status == .completed ? .good : status == .planned ? .muted : .normal,
            progress: b.percentComplete.value / 100,
            progressText: Format.percent(b.percentComplete.value) + mark(b.percentComplete.sourceID) + (stale ? "!" : ""),
            progressIllustrative: p.isIllustrative(b.percentComplete.sourceID),
            baseline: baseline.map { t.date($0) + mark($0.sourceID) } ?? "",
            expected: expected.map { t.date($0) + mark($0.sourceID) } ?? "", isCompleted: b.completion.actual != nil,
            datesIllustrative: datesIllustrative,
            slip: b.slipDays.map { t.days($0) + (datesIllustrative ? "*" : "") } ?? "",
            slipSeverity: slipSeverity,
            leased: b.shareLeased.map { Format.percent($0.value) + mark($0.sourceID) } ?? "",
            leasedIllustrative: b.shareLeased.map { p.isIllustrative($0.sourceID) } ?? false,
            reported: b.progressReport.map { t.day($0.asOf) + (stale ? "!" : "") } ?? "", isStale: stale)
    }

    /// The row of building `id`: the first row when it is nil or not shown.
    public func index(of id: String?) -> Int { rows.firstIndex { $0.id == id } ?? 0 }

    /// Typed comparison per column: numbers as numbers, dates as dates; missing values last.
    static func compare(_ a: Building, _ b: Building, by column: BuildingColumn, asOf: Day, texts t: Texts) -> Int {
        func cmp<T: Comparable>(_ x: T?, _ y: T?) -> Int {
            switch (x, y) {
            case let (x?, y?): return x < y ? -1 : x > y ? 1 : 0
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            }
        }
        switch column {
        case .label:
            // Published numbers first in numeric order, then placeholder labels alphabetically.
            let x = Int(a.label), y = Int(b.label)
            if x != nil || y != nil { return cmp(x, y) }
            return cmp(a.label, b.label)
        case .name: return cmp(t.name(a.nameEN, chinese: a.nameZH).lowercased(), t.name(b.nameEN, chinese: b.nameZH).lowercased())
        case .otherName:
            return cmp(t.otherName(a.nameEN, chinese: a.nameZH).lowercased(), t.otherName(b.nameEN, chinese: b.nameZH).lowercased())
        case .use: return cmp(t.use(a.use.value), t.use(b.use.value))
        case .storeys: return cmp(a.storeys?.value, b.storeys?.value)
        case .status: return cmp(a.status(on: asOf), b.status(on: asOf))
        case .progress: return cmp(a.percentComplete.value, b.percentComplete.value)
        case .baseline: return cmp(a.completion.baseline?.day, b.completion.baseline?.day)
        case .expected: return cmp(a.completion.expected?.day, b.completion.expected?.day)
        case .slip: return cmp(a.slipDays, b.slipDays)
        case .leased: return cmp(a.shareLeased?.value, b.shareLeased?.value)
        case .reported: return cmp(a.progressReport?.asOf, b.progressReport?.asOf)
        case .id: return cmp(a.id, b.id)
        }
    }
}
