/// The whole construction programme as one dataset describes it: the structure and baseline
/// every view and report reads from.
public struct Programme: Hashable, Sendable, Codable {
    public var title: String
    /// The title in Chinese, where the dataset gives it.
    public var titleZH: String?
    /// The dataset's own date: what its published figures are as of.
    public var asOf: Day
    /// The record with the newest as-of date among those laid over the dataset, if any.
    public var newestRecord: RecordedFigure?
    public var parks: [InnovationPark]
    public var figures: [Figure]
    public var phases: [Phase]
    public var batches: [Batch]
    public var buildings: [Building]
    public var milestones: [Milestone]
    public var allocations: [Allocation]
    public var institutions: [Institution]
    public var sources: [Source]

    public init(title: String, asOf: Day, parks: [InnovationPark], figures: [Figure], phases: [Phase],
                batches: [Batch], buildings: [Building], milestones: [Milestone],
                allocations: [Allocation], institutions: [Institution], sources: [Source]) {
        self.title = title
        self.asOf = asOf
        self.parks = parks
        self.figures = figures
        self.phases = phases.sorted { $0.order < $1.order }
        self.batches = batches
        self.buildings = buildings
        self.milestones = milestones
        self.allocations = allocations
        self.institutions = institutions
        self.sources = sources
    }

    public func source(_ id: String) -> Source? { sources.first { $0.id == id } }

    /// The confidence of the source `id` points to; `illustrative` when it does not resolve,
    /// so an unknown source is never shown as trustworthy.
    public func confidence(of sourceID: String) -> Confidence {
        source(sourceID)?.confidence ?? .illustrative
    }

    public func isIllustrative(_ sourceID: String) -> Bool { confidence(of: sourceID) == .illustrative }

    /// Whether a building's slip rests on an illustrative date (its completion's baseline or
    /// expected date): then every output marks it.
    public func isSlipIllustrative(_ b: Building) -> Bool {
        [b.completion.baseline, b.completion.expected].contains { $0.map { isIllustrative($0.sourceID) } ?? false }
    }

    public func batches(in phaseID: String) -> [Batch] { batches.filter { $0.phaseID == phaseID } }

    /// The batch's buildings; only those are copied, which matters with thousands of buildings.
    public func buildings(in batchID: String) -> [Building] {
        var found: [Building] = []
        for i in buildings.indices where buildings[i].batchID == batchID { found.append(buildings[i]) }
        return found
    }

    public func batch(_ id: String) -> Batch? { batches.first { $0.id == id } }

    public func building(_ id: String) -> Building? { buildings.first { $0.id == id } }

    public func milestone(_ id: String) -> Milestone? { milestones.first { $0.id == id } }

    public func institution(_ id: String) -> Institution? { institutions.first { $0.id == id } }

    public func phase(_ id: String) -> Phase? { phases.first { $0.id == id } }

    /// Every allocation of the tree, depth first.
    public var allAllocations: [AllocationNode] {
        allocations.flatMap { $0.flattened() }
    }

    public func allocation(_ id: String) -> Allocation? {
        allAllocations.first { $0.allocation.id == id }?.allocation
    }

    public func parent(ofAllocation id: String) -> Allocation? {
        guard let parentID = allAllocations.first(where: { $0.allocation.id == id })?.parentID else { return nil }
        return allocation(parentID)
    }

    /// What the figures shown are as of: the newest as-of date among them, the dataset's own
    /// and every record laid over it.
    public var dataAsOf: Day { max(asOf, newestRecord?.asOf ?? asOf) }

    /// How many buildings are in each status on `day`; every status is present.
    public func statusCounts(of buildings: [Building]? = nil, on day: Day) -> [BuildingStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: BuildingStatus.allCases.map { ($0, 0) })
        let list = buildings ?? self.buildings
        for i in list.indices { counts[list[i].status(on: day), default: 0] += 1 }
        return counts
    }

    /// The status counts of every batch's buildings on `day`, from one pass over the buildings.
    public func statusCountsByBatch(on day: Day) -> [String: [BuildingStatus: Int]] {
        let position = Dictionary(batches.indices.map { (batches[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: BuildingStatus.allCases.count), count: batches.count)
        for i in buildings.indices {
            guard let b = position[buildings[i].batchID],
                  let s = BuildingStatus.allCases.firstIndex(of: buildings[i].status(on: day)) else { continue }
            counts[b][s] += 1
        }
        return Dictionary(zip(batches, counts).map { batch, row in
            (batch.id, Dictionary(uniqueKeysWithValues: zip(BuildingStatus.allCases, row).filter { $0.1 > 0 }))
        }, uniquingKeysWith: { a, _ in a })
    }

    /// The earliest milestone not yet achieved whose expected period has not ended by `day`.
    public func nextMilestone(on day: Day) -> Milestone? {
        milestones
            .filter { !$0.isAchieved && ($0.when.map { $0.lastDay >= day } ?? false) }
            .min { ($0.when?.day ?? day) < ($1.when?.day ?? day) }
    }

    /// Dated milestones in the order their periods end: "2026" (by the end of 2026) sorts
    /// after "2026-H2".
    public var timeline: [Milestone] {
        milestones.compactMap { m in m.when.map { (m, $0.lastDay) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }
}
