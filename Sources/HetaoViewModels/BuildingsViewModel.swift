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
    /// Percentage points behind the building's plan on the day shown (`+43 pts`); empty without a plan.
    public var behind: String
    public var behindSeverity: Severity
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
        case .behind: return behind
        case .leased: return leased
        case .reported: return reported
        case .id: return id
        }
    }
}

/// The rows of the buildings table, each formatted when it is read: a frame reads the few on
/// screen, so a table of ten thousand buildings costs what its visible rows cost.
public struct BuildingRows: RandomAccessCollection, Sendable {
    let programme: Programme
    /// Positions in `programme.buildings`, in table order.
    let order: [Int]
    let live: LiveContext
    let texts: Texts
    /// Where each batch's plans start, worked out once for every row.
    let batchStarts: [String: DatedValue]

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(position: Int) -> BuildingRow {
        BuildingsViewModel.row(programme.buildings[order[position]], programme: programme, live: live, texts: texts,
                               batchStarts: batchStarts)
    }
}

/// The buildings table: rows filtered by the `/` query over names, uses and status, and sorted
/// by the chosen column.
public struct BuildingsViewModel: Sendable {
    public let rows: BuildingRows
    public let sort: BuildingColumn
    public let ascending: Bool
    public let filter: String
    public let totalCount: Int

    public init(programme: Programme, state: AppState, live: LiveContext? = nil) {
        let live = live ?? LiveContext(today: programme.asOf)
        // Statuses are reckoned on the day shown, as every other output reckons them.
        let asOf = live.day
        let t = Texts(state.language)
        let query = state.buildingFilter.lowercased()
        let all = programme.buildings
        // Positions are filtered and sorted, not the buildings: a building is a large value,
        // and moving ten thousand of them costs more than the rest of a frame.
        let matching = all.indices.filter { i in
            guard !query.isEmpty else { return true }
            let building = all[i]
            // Either language finds a building, whichever is shown.
            let haystack = [building.label, building.nameEN, building.nameZH, building.id]
                + Language.allCases.flatMap { language in
                    [Texts(language).use(building.use.value), Texts(language).status(building.status(on: asOf))]
                }
            return haystack.contains { $0.lowercased().contains(query) }
        }
        let starts = programme.batchStarts()
        let keys = SortKey.keys(programme, by: state.buildingSort, asOf: asOf, texts: t, batchStarts: starts)
        let labels = state.buildingSort == .label ? keys
            : SortKey.keys(programme, by: .label, asOf: asOf, texts: t, batchStarts: starts)
        let sorted = matching.sorted { i, j in
            // A missing value goes last whichever way the column is sorted.
            if (keys[i] == .missing) != (keys[j] == .missing) { return keys[j] == .missing }
            if keys[i] != keys[j] { return state.buildingSortAscending ? keys[i] < keys[j] : keys[j] < keys[i] }
            // Ties read in building order whichever way the column is sorted.
            return labels[i] != labels[j] ? labels[i] < labels[j] : all[i].id < all[j].id
        }
        rows = BuildingRows(programme: programme, order: sorted, live: live, texts: t, batchStarts: starts)
        sort = state.buildingSort
        ascending = state.buildingSortAscending
        filter = state.buildingFilter
        totalCount = programme.buildings.count
    }

    static func row(_ b: Building, programme p: Programme, live: LiveContext, texts t: Texts,
                    batchStarts: [String: DatedValue]) -> BuildingRow {
        let stale = b.isProgressStale(on: live.day, afterDays: live.staleAfterDays)
        let status = b.status(on: live.day)
        let mark = { (source: String) in Format.mark(p.isIllustrative(source)) }
        let baseline = b.completion.baseline
        let expected = b.completion.expected
        let datesIllustrative = p.isSlipIllustrative(b)
        let slipSeverity = Severity(b.lateness)
        let behind = p.behindPlan(of: b, on: live.day, batchStarts: batchStarts)
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
            slip: b.slipDays.map { t.days($0) + Format.mark(datesIllustrative) } ?? "",
            slipSeverity: slipSeverity,
            behind: behind.map { t.points($0.points) + Format.mark($0.isIllustrative) } ?? "",
            behindSeverity: Severity(live.reckoning.behindPlan.standing(of: behind?.points)),
            leased: b.shareLeased.map { Format.percent($0.value) + mark($0.sourceID) } ?? "",
            leasedIllustrative: b.shareLeased.map { p.isIllustrative($0.sourceID) } ?? false,
            reported: b.progressReport.map { t.day($0.asOf) + (stale ? "!" : "") } ?? "", isStale: stale)
    }

    /// The row of building `id`: the first row when it is nil or not shown.
    public func index(of id: String?) -> Int {
        rows.order.firstIndex { rows.programme.buildings[$0].id == id } ?? 0
    }

    /// What a column sorts by, typed: numbers as numbers, dates as dates; a missing value
    /// after every present one.
    enum SortKey: Comparable {
        case number(Double)
        case text(String)
        case missing

        /// The key of every building by `column`. Each reads its fields in place: copying a
        /// building to ask it one thing would cost more than the sort.
        static func keys(_ p: Programme, by column: BuildingColumn, asOf: Day, texts t: Texts,
                         batchStarts: [String: DatedValue]) -> [SortKey] {
            let all = p.buildings
            func each(_ key: (Int) -> SortKey) -> [SortKey] { all.indices.map(key) }
            func number<T: BinaryInteger>(_ value: T?) -> SortKey { value.map { .number(Double($0)) } ?? .missing }
            func number(_ value: Double?) -> SortKey { value.map { .number($0) } ?? .missing }
            switch column {
            case .label:
                // Published numbers first in numeric order, then placeholder labels alphabetically.
                return each { i in Int(all[i].label).map { .number(Double($0)) } ?? .text(all[i].label) }
            case .name: return each { .text(t.name(all[$0].nameEN, chinese: all[$0].nameZH).lowercased()) }
            case .otherName: return each { .text(t.otherName(all[$0].nameEN, chinese: all[$0].nameZH).lowercased()) }
            case .use: return each { .text(t.use(all[$0].use.value)) }
            case .storeys: return each { number(all[$0].storeys?.value) }
            case .status: return each { number(BuildingStatus.allCases.firstIndex(of: all[$0].status(on: asOf))) }
            case .progress: return each { number(all[$0].percentComplete.value) }
            case .baseline: return each { number(all[$0].completion.baseline?.day.ordinal) }
            case .expected: return each { number(all[$0].completion.expected?.day.ordinal) }
            case .slip: return each { number(all[$0].slipDays) }
            case .behind: return each { number(p.behindPlan(of: all[$0], on: asOf, batchStarts: batchStarts)?.points) }
            case .leased: return each { number(all[$0].shareLeased?.value) }
            case .reported: return each { number(all[$0].progressReport?.asOf.ordinal) }
            case .id: return each { .text(all[$0].id) }
            }
        }
    }
}
