/// A computed figure that moved over a period: what the dashboard works out from the records
/// (an index, a slip, a status, a milestone's state) rather than what anyone recorded. A brief
/// says "SPI 0.71 → 0.70" and "a new slip of +60 d", not only which records were made.
public struct DerivedChange: Hashable, Sendable {
    public enum Figure: String, Hashable, Sendable, CaseIterable {
        case spi, cpi, slip, status, milestone
    }

    /// The allocation, building or milestone.
    public var subject: String
    public var figure: Figure
    /// As scripts read them: an index to two places, a slip in days, a status, a milestone's
    /// state (`achieved`, `expected`, `overdue`); empty when there was none.
    public var from: String
    public var to: String
}

extension Programme {
    /// The computed figures that differ between `earlier` reckoned on `start` and `later`
    /// reckoned on `end`: SPI and CPI (as shown, to two places), each building's slip and
    /// status, each milestone's state.
    public static func derivedChanges(from earlier: Programme, on start: Day, to later: Programme, on end: Day) -> [DerivedChange] {
        var out: [DerivedChange] = []
        func note(_ subject: String, _ figure: DerivedChange.Figure, _ from: String, _ to: String) {
            if from != to { out.append(DerivedChange(subject: subject, figure: figure, from: from, to: to)) }
        }
        func index(_ value: Double?) -> String { value.map { Format.fixed($0, places: 2) } ?? "" }
        for entry in later.allAllocations {
            let a = entry.allocation
            let before = earlier.allocation(a.id).flatMap { earlier.earnedValue(of: $0, on: start) }
            let after = later.earnedValue(of: a, on: end)
            note(a.id, .spi, index(before?.schedulePerformance), index(after?.schedulePerformance))
            note(a.id, .cpi, index(before?.costPerformance), index(after?.costPerformance))
        }
        let earlierBuildings = Dictionary(earlier.buildings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for b in later.buildings {
            let before = earlierBuildings[b.id]
            note(b.id, .slip, before?.slipDays.map(String.init) ?? "", b.slipDays.map(String.init) ?? "")
            note(b.id, .status, before?.status(on: start).rawValue ?? "", b.status(on: end).rawValue)
        }
        let earlierMilestones = Dictionary(earlier.milestones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for m in later.milestones {
            note(m.id, .milestone, earlierMilestones[m.id]?.state(on: start).rawValue ?? "", m.state(on: end).rawValue)
        }
        return out
    }
}
