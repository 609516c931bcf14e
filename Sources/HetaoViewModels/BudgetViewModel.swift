import HetaoDomain
import HetaoText

/// One visible line of the allocation tree.
public struct AllocationRow: Hashable, Sendable {
    public var id: String
    public var depth: Int
    public var name: String
    public var amount: String
    /// Share of the parent, 0–1; nil for a top-level fund.
    public var share: Double?
    public var shareText: String
    public var unallocated: String
    public var year: String
    public var approvedBy: String
    public var status: String
    public var isApproved: Bool
    public var spent: String
    public var hasChildren: Bool
    public var isExpanded: Bool
    public var isIllustrative: Bool
    /// SPI and CPI (`0.97`, `0.88*`), empty where the allocation funds no known construction.
    public var spi: String = ""
    public var cpi: String = ""
    public var spiSeverity: Severity = .normal
    public var cpiSeverity: Severity = .normal
}

extension Severity {
    /// How an index reads: a warning below the warning threshold, bad below the bad one.
    public init(_ standing: Standing) {
        switch standing {
        case .fine: self = .good
        case .warning: self = .warning
        case .bad: self = .bad
        case .unknown: self = .muted
        }
    }
}

extension Texts {
    /// An index as the panes and reports write it: two decimals, `*` when illustrative, `—` when none.
    public func index(_ value: Double?, illustrative: Bool) -> String {
        guard let value else { return "—" }
        return Format.fixed(value, places: 2) + Format.mark(illustrative)
    }
}

/// The budget pane: the allocation tree with collapsed branches hidden.
public struct BudgetViewModel: Sendable {
    public let rows: [AllocationRow]

    public init(programme: Programme, state: AppState, on day: Day? = nil, thresholds: Thresholds = .earnedValue) {
        let t = Texts(state.language)
        var rows: [AllocationRow] = []
        func visit(_ allocation: Allocation, depth: Int, parent: Allocation?) {
            let expanded = state.expandedAllocations.contains(allocation.id)
            let spentIllustrative = allocation.spent.map { programme.isIllustrative($0.sourceID) } ?? false
            var row = AllocationRow(
                id: allocation.id, depth: depth, name: t.name(allocation.name, chinese: allocation.chinese["name"]),
                amount: t.amount(allocation.amount),
                share: parent.map { allocation.share(of: $0) },
                shareText: parent.map { Format.percent(ratio: allocation.share(of: $0)) } ?? "",
                unallocated: allocation.children.isEmpty || allocation.unallocated == .zero ? ""
                    : t(.unallocatedAmount, t.amount(allocation.unallocated)),
                year: allocation.financialYear ?? "",
                approvedBy: allocation.approvedBy.map { t.name($0, chinese: allocation.chinese["approved_by"]) } ?? "",
                status: t.allocationStatus(allocation.status), isApproved: allocation.status == .approved,
                spent: allocation.spent.map { t(.spentAmount, t.amount($0.value) + Format.mark(spentIllustrative)) } ?? "",
                hasChildren: !allocation.children.isEmpty, isExpanded: expanded, isIllustrative: spentIllustrative)
            if let ev = programme.earnedValue(of: allocation, on: day ?? programme.asOf) {
                row.spi = t.index(ev.schedulePerformance, illustrative: ev.isIllustrative)
                row.cpi = t.index(ev.costPerformance, illustrative: ev.isIllustrative)
                row.spiSeverity = Severity(thresholds.standing(of: ev.schedulePerformance))
                row.cpiSeverity = Severity(thresholds.standing(of: ev.costPerformance))
            }
            rows.append(row)
            if expanded { allocation.children.forEach { visit($0, depth: depth + 1, parent: allocation) } }
        }
        programme.allocations.forEach { visit($0, depth: 0, parent: nil) }
        self.rows = rows
    }

    /// The row of the allocation with `id`; the first row when there is none (or it is folded away).
    public func index(of id: String?) -> Int { rows.firstIndex { $0.id == id } ?? 0 }
}
