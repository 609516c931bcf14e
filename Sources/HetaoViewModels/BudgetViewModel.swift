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
}

/// The budget pane: the allocation tree with collapsed branches hidden.
public struct BudgetViewModel: Sendable {
    public let rows: [AllocationRow]

    public init(programme: Programme, state: AppState) {
        let t = Texts(state.language)
        var rows: [AllocationRow] = []
        func visit(_ allocation: Allocation, depth: Int, parent: Allocation?) {
            let expanded = state.expandedAllocations.contains(allocation.id)
            let spentIllustrative = allocation.spent.map { programme.isIllustrative($0.sourceID) } ?? false
            rows.append(AllocationRow(
                id: allocation.id, depth: depth, name: t.name(allocation.name, chinese: allocation.chinese["name"]),
                amount: t.amount(allocation.amount),
                share: parent.map { allocation.share(of: $0) },
                shareText: parent.map { Format.percent(ratio: allocation.share(of: $0)) } ?? "",
                unallocated: allocation.children.isEmpty || allocation.unallocated == .zero ? ""
                    : t(.unallocatedAmount, t.amount(allocation.unallocated)),
                year: allocation.financialYear ?? "",
                approvedBy: allocation.approvedBy.map { t.name($0, chinese: allocation.chinese["approved_by"]) } ?? "",
                status: t.allocationStatus(allocation.status), isApproved: allocation.status == .approved,
                spent: allocation.spent.map { t(.spentAmount, t.amount($0.value) + (spentIllustrative ? "*" : "")) } ?? "",
                hasChildren: !allocation.children.isEmpty, isExpanded: expanded, isIllustrative: spentIllustrative))
            if expanded { allocation.children.forEach { visit($0, depth: depth + 1, parent: allocation) } }
        }
        programme.allocations.forEach { visit($0, depth: 0, parent: nil) }
        self.rows = rows
    }

    /// The row of the allocation with `id`; the first row when there is none (or it is folded away).
    public func index(of id: String?) -> Int { rows.firstIndex { $0.id == id } ?? 0 }
}
