/// The whole programme, one phase or one batch: what a combined S-curve is drawn for.
public enum ProgressGroup: Hashable, Sendable {
    case programme
    case phase(String)
    case batch(String)

    /// A key for the group's loaded history, apart from building and allocation ids.
    public var key: String {
        switch self {
        case .programme: return "programme"
        case .phase(let id): return "phase:" + id
        case .batch(let id): return "batch:" + id
        }
    }
}

/// One reported percentage of one building, for a combined curve: no more than a curve needs.
public struct ProgressPoint: Hashable, Sendable {
    public var subject: String
    public var asOf: Day
    public var percent: Double

    public init(subject: String, asOf: Day, percent: Double) {
        self.subject = subject
        self.asOf = asOf
        self.percent = percent
    }
}

/// Planned and reported progress of a group, each building weighted by its floor area.
///
/// Only buildings with a plan (`plannedWindow`) count, in both curves, so the two are about
/// the same work: a group's curve can differ from its completion figure, which also counts
/// floor area no building is listed for yet.
public struct GroupProgress: Sendable {
    /// The group's buildings with a plan, and how many it lists in all.
    public let buildings: [Building]
    public let listed: Int
    public let windows: [PlannedWindow]
    public let weights: [Double]
    public let isIllustrative: Bool

    public init(programme p: Programme, group: ProgressGroup) {
        var buildings: [Building] = [], windows: [PlannedWindow] = [], weights: [Double] = []
        var illustrative = false
        let starts = p.batchStarts()
        let all = p.buildings(of: group)
        for building in all {
            guard let window = p.plannedWindow(of: building, batchStarts: starts) else { continue }
            buildings.append(building)
            windows.append(window)
            weights.append(max(0, building.floorArea.value))
            illustrative = illustrative || window.isIllustrative || p.isIllustrative(building.floorArea.sourceID)
                || p.isIllustrative(building.percentComplete.sourceID)
        }
        self.buildings = buildings
        listed = all.count
        self.windows = windows
        self.weights = weights
        isIllustrative = illustrative
    }

    private var totalWeight: Double { weights.reduce(0, +) }

    /// From the earliest planned start to the latest planned finish; nil with nothing planned.
    public var window: ClosedRange<Day>? {
        guard let start = windows.map(\.start).min(), let finish = windows.map(\.finish).max() else { return nil }
        return start...max(start, finish)
    }

    /// 0–1 planned done by the end of `day`.
    public func planned(on day: Day) -> Double {
        let total = totalWeight
        guard total > 0 else { return 0 }
        return zip(windows, weights).reduce(0) { $0 + $1.0.fraction(on: day) * $1.1 } / total
    }

    /// The reported share done after each day on which any of the buildings reported: each
    /// building counts at its latest report by then (0 before its first). Reports come oldest
    /// first; where there are none, each building's current figure counts from `asOf`. The
    /// store's daily sums give the same curve, summed there.
    public func reported(_ progress: ReportedProgress, asOf: Day) -> [(day: Day, share: Double)] {
        let total = totalWeight
        guard total > 0 else { return [] }
        switch progress {
        case .reports(let points): return reported(points, asOf: asOf, total: total)
        case .daily(let changes) where changes.isEmpty: return reported([], asOf: asOf, total: total)
        case .daily(let changes):
            var sum = 0.0
            return changes.map { change in
                sum += change.weighted
                return (change.day, min(1, max(0, sum / total / 100)))
            }
        }
    }

    private func reported(_ points: [ProgressPoint], asOf: Day, total: Double) -> [(day: Day, share: Double)] {
        var position: [String: Int] = [:]
        for (i, b) in buildings.enumerated() { position[b.id] = i }
        let points = points.isEmpty
            ? buildings.map { ProgressPoint(subject: $0.id, asOf: $0.progressReport?.asOf ?? asOf, percent: $0.percentComplete.value) }
                .sorted { $0.asOf < $1.asOf }
            : points
        var current = [Double](repeating: 0, count: buildings.count)
        var sum = 0.0
        var out: [(day: Day, share: Double)] = []
        for point in points {
            guard let i = position[point.subject] else { continue }
            sum += (point.percent - current[i]) * weights[i]
            current[i] = point.percent
            let share = min(1, max(0, sum / total / 100))
            if out.last?.day == point.asOf { out[out.count - 1].share = share } else { out.append((point.asOf, share)) }
        }
        return out
    }
}

extension Programme {
    /// The buildings a group covers.
    public func buildings(of group: ProgressGroup) -> [Building] {
        switch group {
        case .programme: return buildings
        case .batch(let id): return buildings(in: id)
        case .phase(let id):
            let inPhase = Set(batches(in: id).map(\.id))
            return buildings.filter { inPhase.contains($0.batchID) }
        }
    }
}
