/// The share of a piece of work the baseline plan expects done by a date.
///
/// With a known start (the baseline start, else the actual one) the plan is the standard
/// cumulative S of construction work: slow mobilisation, a steady middle, a slow finish, drawn
/// as the smoothstep `3t² − 2t³` of the elapsed share `t` of the planned duration. Without a
/// start of its own, a building's plan runs in a straight line from the earliest start in its
/// batch. Periods published at coarser precision start on their first day and are due on
/// their last (a completion "2027-Q1" is due 31 March 2027).
public enum PlannedProgress {
    public enum Shape: String, Hashable, Sendable {
        case sCurve = "s-curve"
        case linear
    }

    /// 0–1 planned by the end of `day`.
    public static func fraction(on day: Day, start: Day, finish: Day, shape: Shape) -> Double {
        guard finish > start else { return day >= finish ? 1 : 0 }
        let t = min(1, max(0, Double(start.days(until: day)) / Double(start.days(until: finish))))
        switch shape {
        case .sCurve: return t * t * (3 - 2 * t)
        case .linear: return t
        }
    }
}

/// When a building's planned work runs, and the shape of its plan.
public struct PlannedWindow: Hashable, Sendable {
    public var start: Day
    public var finish: Day
    public var shape: PlannedProgress.Shape
    /// True when the start or the finish is illustrative.
    public var isIllustrative: Bool

    public func fraction(on day: Day) -> Double { PlannedProgress.fraction(on: day, start: start, finish: finish, shape: shape) }
}

extension Programme {
    /// The building's plan: from its start to its baseline completion; nil without a baseline
    /// completion, or without any start in its batch.
    public func plannedWindow(of building: Building) -> PlannedWindow? {
        plannedWindow(of: building, batchStarts: nil)
    }

    /// The earliest start in each batch: where the plan of a building without a start begins.
    public func batchStarts() -> [String: DatedValue] {
        var starts: [String: DatedValue] = [:]
        for i in buildings.indices {
            guard let start = buildings[i].start.baseline ?? buildings[i].start.actual else { continue }
            if let known = starts[buildings[i].batchID], known.day <= start.day { continue }
            starts[buildings[i].batchID] = start
        }
        return starts
    }

    /// The same, with the batches' earliest starts worked out once for many buildings.
    public func plannedWindow(of building: Building, batchStarts: [String: DatedValue]?) -> PlannedWindow? {
        guard let finish = building.completion.baseline else { return nil }
        if let start = building.start.baseline ?? building.start.actual {
            return PlannedWindow(start: start.day, finish: finish.lastDay, shape: .sCurve,
                                 isIllustrative: isIllustrative(start.sourceID) || isIllustrative(finish.sourceID))
        }
        guard let earliest = (batchStarts ?? self.batchStarts())[building.batchID] else { return nil }
        return PlannedWindow(start: earliest.day, finish: finish.lastDay, shape: .linear,
                             isIllustrative: isIllustrative(earliest.sourceID) || isIllustrative(finish.sourceID))
    }
}
