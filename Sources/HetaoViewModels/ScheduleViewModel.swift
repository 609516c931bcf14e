import HetaoDomain
import HetaoText

/// How much time one column of the Gantt chart covers: `+` zooms in, `-` out.
public enum ScheduleZoom: Int, CaseIterable, Sendable {
    /// A quarter per column: the whole programme at a glance.
    case years
    /// A month per column.
    case quarters
    /// A week per column.
    case months

    public var daysPerColumn: Double {
        switch self {
        case .years: return 365.25 / 4
        case .quarters: return 365.25 / 12
        case .months: return 7
        }
    }
}

/// One row of the Gantt chart: a phase, a batch or a building, with its baseline and its
/// forecast (or actual) span, its milestones and the variance at its end.
public struct ScheduleRow: Hashable, Sendable, Identifiable {
    public enum Level: Int, Sendable { case programme, phase, batch, building }

    public struct Marker: Hashable, Sendable {
        public var day: Day
        public var isAchieved: Bool
        /// Expected, and its date has passed.
        public var isOverdue: Bool
    }

    public var id: String
    public var level: Level
    public var label: String
    /// From the start to the baseline's end, at the precision published: "2024-12" ends on the 31st.
    public var baseline: ClosedRange<Day>?
    /// From the start to the actual end, else the forecast's.
    public var current: ClosedRange<Day>?
    public var isDone: Bool
    public var markers: [Marker]
    /// Days late (positive) or early against the baseline.
    public var variance: Int?
    public var varianceText: String
    public var severity: Severity
    public var isIllustrative: Bool
}

/// The Schedule pane: every phase, batch and building as a Gantt row against a today line.
public struct ScheduleViewModel: Sendable {
    public let rows: [ScheduleRow]
    public let firstDay: Day
    public let today: Day

    public init(programme p: Programme, today: Day, texts t: Texts = .english) {
        self.today = today
        var rows: [ScheduleRow] = []
        var everyBuilding: [ScheduleRow] = []
        /// A finished row's variance is history: shown, not coloured as a live concern.
        func variance(_ days: Int?, illustrative: Bool, done: Bool) -> (String, Severity) {
            guard let days else { return ("", .muted) }
            return (t.days(days) + Format.mark(illustrative), done ? .muted : Severity(Lateness(slipDays: days)))
        }
        func row(for building: Building) -> ScheduleRow {
            let start = (building.start.actual ?? building.start.baseline)?.day
            let baselineEnd = building.completion.baseline?.lastDay
            let currentEnd = building.completion.expected?.lastDay
            // The bars rest on the start too; the variance only on the completion's dates.
            let illustrative = p.isSlipIllustrative(building)
                || [building.start.actual, building.start.baseline].contains { $0.map { p.isIllustrative($0.sourceID) } ?? false }
            var markers: [ScheduleRow.Marker] = []
            for plan in [building.toppingOut, building.completion] {
                if let actual = plan.actual {
                    markers.append(.init(day: actual.lastDay, isAchieved: true, isOverdue: false))
                } else if let expected = plan.forecast ?? plan.baseline {
                    markers.append(.init(day: expected.lastDay, isAchieved: false, isOverdue: expected.lastDay < today))
                }
            }
            let (text, severity) = variance(building.slipDays, illustrative: p.isSlipIllustrative(building),
                                            done: building.completion.actual != nil)
            return ScheduleRow(id: building.id, level: .building, label: t.name(building.nameEN, chinese: building.nameZH),
                               baseline: Self.span(start, baselineEnd), current: Self.span(start, currentEnd),
                               isDone: building.completion.actual != nil, markers: markers, variance: building.slipDays,
                               varianceText: text, severity: severity, isIllustrative: illustrative)
        }
        /// A phase or batch spans its buildings: from the earliest start to the latest end; its
        /// variance is against its own dated end (`Programme.variance(of:target:)`).
        func group(_ id: String, _ level: ScheduleRow.Level, _ label: String, _ parts: [ScheduleRow],
                   members: [Building], target: DatedValue? = nil) -> ScheduleRow {
            let starts = parts.compactMap { $0.current?.lowerBound ?? $0.baseline?.lowerBound }
            let baselineEnds = parts.compactMap { $0.baseline?.upperBound } + (target.map { [$0.lastDay] } ?? [])
            let currentEnds = parts.compactMap { $0.current?.upperBound }
            let late = p.variance(of: members, target: target)
            let illustrative = parts.contains(where: \.isIllustrative) || target.map { p.isIllustrative($0.sourceID) } == true
            let (text, severity) = variance(late, illustrative: illustrative, done: !parts.isEmpty && parts.allSatisfy(\.isDone))
            return ScheduleRow(id: id, level: level, label: label, baseline: Self.span(starts.min(), baselineEnds.max()),
                               current: Self.span(starts.min(), currentEnds.max()),
                               isDone: !parts.isEmpty && parts.allSatisfy(\.isDone),
                               markers: target.map { [.init(day: $0.lastDay, isAchieved: false, isOverdue: $0.lastDay < today)] } ?? [],
                               variance: late, varianceText: text, severity: severity, isIllustrative: illustrative)
        }
        for phase in p.phases.sorted(by: { $0.order < $1.order }) {
            var phaseRows: [ScheduleRow] = []
            var buildingRows: [ScheduleRow] = []
            var phaseMembers: [Building] = []
            for batch in p.batches(in: phase.id) {
                let members = p.buildings(in: batch.id)
                let buildings = members.map(row)
                phaseMembers += members
                phaseRows.append(group(batch.id, .batch, "  " + t.name(batch.name, chinese: batch.chinese["name"]), buildings,
                                       members: members))
                phaseRows += buildings.map { var r = $0; r.label = "    " + r.label; return r }
                buildingRows += buildings
            }
            everyBuilding += buildingRows
            rows.append(group(phase.id, .phase, t.name(phase.name, chinese: phase.chinese["name"]), buildingRows,
                              members: phaseMembers, target: phase.target))
            rows += phaseRows
        }
        // The whole programme first: where it stands against its latest target.
        let finalTarget = p.phases.compactMap(\.target).max { $0.lastDay < $1.lastDay }
        self.rows = [group("programme", .programme, t.name(p.title, chinese: p.titleZH), everyBuilding, members: p.buildings,
                           target: finalTarget)] + rows
        firstDay = (rows.compactMap { $0.baseline?.lowerBound ?? $0.current?.lowerBound } + [today]).min() ?? today
    }

    private static func span(_ start: Day?, _ end: Day?) -> ClosedRange<Day>? {
        guard let start, let end else { return nil }
        return min(start, end)...max(start, end)
    }

    /// The row of `id`; the first when there is none.
    public func index(of id: String?) -> Int { rows.firstIndex { $0.id == id } ?? 0 }

    /// The first day shown at `zoom` and `pan` (columns): the whole programme from its first day
    /// at the widest zoom; closer in, today a third of the way across `columns`.
    public func startDay(zoom: ScheduleZoom, pan: Int, columns: Int) -> Day {
        let anchor = zoom == .years ? firstDay : today.adding(days: -Int(Double(columns / 3) * zoom.daysPerColumn))
        return anchor.adding(days: Int((Double(pan) * zoom.daysPerColumn).rounded()))
    }
}
