import HetaoDomain
import HetaoText

/// The phases pane: each phase and its batches with completion, and the programme timeline.
public struct PhasesViewModel: Sendable {
    public struct BatchLine: Hashable, Sendable {
        public var name: String
        public var completion: Double
        public var completionText: String
        public var buildings: String
    }

    public struct PhaseLine: Hashable, Sendable {
        public var name: String
        public var completion: Double
        public var completionText: String
        public var target: String
        public var floorArea: String
        public var batches: [BatchLine]
    }

    public struct TimelineEntry: Hashable, Sendable {
        public var id: String
        public var date: String
        public var name: String
        /// Where the date falls on the axis, 0–1.
        public var position: Double
        public var state: MilestoneState
    }

    public let phases: [PhaseLine]
    public let timeline: [TimelineEntry]
    public let firstYear: Int
    public let lastYear: Int
    /// Where the day shown falls on the axis, 0–1.
    public let today: Double

    /// `completions` is the programme's, when the caller already has them; statuses, the today
    /// line and overdue milestones are reckoned on `day`.
    public init(programme p: Programme, on day: Day, completions known: CompletionTable? = nil, texts t: Texts = .english) {
        func percent(_ c: Completion) -> String { Format.percent(c.percent) + Format.mark(c.isIllustrative) }
        let completions = known ?? p.completions()
        let statusCounts = p.statusCountsByBatch(on: day)
        phases = p.phases.map { phase in
            let c = completions.phase(phase.id)
            return PhaseLine(
                name: t.name(phase.name, chinese: phase.chinese["name"]), completion: c.ratio, completionText: percent(c),
                target: phase.target.map { t(.byDate, t.date($0)) } ?? "",
                floorArea: phase.floorArea.map { t.area($0.value) } ?? "",
                batches: p.batches(in: phase.id).map { batch in
                    let bc = completions.batch(batch.id)
                    let counts = statusCounts[batch.id] ?? [:]
                    let listed = counts.values.reduce(0, +)
                    let done = counts[.completed] ?? 0
                    return BatchLine(name: t.name(batch.name, chinese: batch.chinese["name"]), completion: bc.ratio,
                                     completionText: percent(bc),
                                     buildings: listed == 0 ? (batch.sites.map { t(.sites, $0) } ?? "")
                                         : t(.builtOf, done, listed))
                })
        }
        let dated = p.timeline
        let years = dated.compactMap { $0.when?.day.year } + [day.year]
        firstYear = years.min() ?? day.year
        lastYear = max((years.max() ?? day.year) + 1, firstYear + 1)
        let start = Day(year: firstYear, month: 1, day: 1)!.ordinal
        let span = Double(Day(year: lastYear, month: 1, day: 1)!.ordinal - start)
        let position = { (day: Day) in min(1, max(0, Double(day.ordinal - start) / span)) }
        today = position(day)
        timeline = dated.map { m in
            let when = m.when!
            let state = m.state(on: day)
            return TimelineEntry(id: m.id, date: t.date(when), name: t.name(m.name, chinese: m.chinese["name"]),
                                 position: position(when.day), state: state)
        }
    }
}
