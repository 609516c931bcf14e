/// Whether money has only been set aside or has been approved for spending.
public enum AllocationStatus: String, CaseIterable, Sendable, Codable {
    case earmarked, approved
}

/// A budget allocation: a fund and, recursively, its sub-allocations.
public struct Allocation: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var amount: HKD
    public var financialYear: String?
    public var approvedBy: String?
    public var status: AllocationStatus
    public var committed: Sourced<HKD>?
    public var spent: Sourced<HKD>?
    public var note: String?
    public var sourceID: String
    /// Other sources consulted (corroborating or disagreeing); the note says how.
    public var otherSourceIDs: [String] = []
    /// Chinese text of the English fields, where the dataset gives it.
    public var chinese = ChineseText()
    /// Shown among the overview's headline money.
    public var isHeadline: Bool
    /// When committed and spent were last reported in the store.
    public var spendReport: ReportStamp?
    public var children: [Allocation]
    /// The batches and buildings this allocation pays for (dataset field `funds`), for earned value.
    public var funds: [String] = []

    /// The sources it cites: its own, committed and spent's, then the others consulted.
    public var sourceIDs: [String] { Source.distinct([sourceID, committed?.sourceID, spent?.sourceID] + otherSourceIDs) }

    public init(id: String, name: String, amount: HKD, financialYear: String?, approvedBy: String?,
                status: AllocationStatus, committed: Sourced<HKD>? = nil, spent: Sourced<HKD>? = nil,
                note: String? = nil, sourceID: String, isHeadline: Bool = false, children: [Allocation] = []) {
        self.id = id
        self.name = name
        self.amount = amount
        self.financialYear = financialYear
        self.approvedBy = approvedBy
        self.status = status
        self.committed = committed
        self.spent = spent
        self.note = note
        self.sourceID = sourceID
        self.isHeadline = isHeadline
        self.children = children
    }

    /// The sum of the direct sub-allocations.
    public var allocatedToChildren: HKD { children.reduce(.zero) { $0 + $1.amount } }

    /// What is not yet assigned to any sub-allocation; zero for a leaf.
    public var unallocated: HKD { children.isEmpty ? .zero : amount - allocatedToChildren }

    /// This allocation's share of `parent`, 0–1.
    public func share(of parent: Allocation) -> Double {
        parent.amount.dollars == 0 ? 0 : Double(amount.dollars) / Double(parent.amount.dollars)
    }

    /// Every allocation in the tree, depth first, with its depth and parent id.
    public func flattened(depth: Int = 0, parentID: String? = nil) -> [AllocationNode] {
        [AllocationNode(allocation: self, depth: depth, parentID: parentID)]
            + children.flatMap { $0.flattened(depth: depth + 1, parentID: id) }
    }
}

/// An allocation with its place in the tree.
public struct AllocationNode: Hashable, Sendable {
    public var allocation: Allocation
    public var depth: Int
    public var parentID: String?
}
