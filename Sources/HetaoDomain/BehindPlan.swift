/// How far a building's reported progress trails its plan on a day, in percentage points: the
/// S-curve's planned share less the share reported. A building can be on its dates (0 d slip)
/// and far behind its plan, or the other way round; both are shown.
public struct BehindPlan: Hashable, Sendable {
    /// Planned less reported; zero or less when on or ahead of plan.
    public var points: Double
    public var planned: Double
    public var reported: Double
    /// True when the plan or the reported figure is illustrative.
    public var isIllustrative: Bool

    public init(points: Double, planned: Double, reported: Double, isIllustrative: Bool) {
        self.points = points
        self.planned = planned
        self.reported = reported
        self.isIllustrative = isIllustrative
    }
}

extension Programme {
    /// How far `building` is behind its plan on `day`; nil when it has no plan, or has been
    /// completed (then there is nothing left to be behind on). `batchStarts` (from `batchStarts()`) saves working them out
    /// again for each of many buildings.
    public func behindPlan(of building: Building, on day: Day, batchStarts: [String: DatedValue]? = nil) -> BehindPlan? {
        guard building.status(on: day) != .completed,
              let window = plannedWindow(of: building, batchStarts: batchStarts) else { return nil }
        let planned = (window.fraction(on: day) * 1000).rounded() / 10
        let reported = building.percentComplete.value
        return BehindPlan(points: ((planned - reported) * 10).rounded() / 10, planned: planned, reported: reported,
                          isIllustrative: window.isIllustrative || isIllustrative(building.percentComplete.sourceID))
    }
}
