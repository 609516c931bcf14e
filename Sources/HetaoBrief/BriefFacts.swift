import HetaoDomain
import HetaoReport
import HetaoText
import HetaoViewModels

/// The brief's tables, each row citing its sources by number: the headline, what needs
/// attention, and the money.
struct BriefFacts {
    let programme: Programme
    let reckoning: Reckoning
    let schedule: ScheduleViewModel
    let texts: Texts
    /// Buildings not complete whose completion is forecast after its baseline, worst first.
    private let slips: [(building: Building, days: Int)]
    /// Buildings behind their plan by at least the warning threshold, furthest behind first.
    private let behindPlan: [(Building, BehindPlan)]
    /// Milestones overdue, and those due in the next 30 days.
    private let milestonesDue: [(Milestone, isOverdue: Bool)]

    init(programme p: Programme, reckoning: Reckoning, schedule: ScheduleViewModel, texts: Texts) {
        programme = p
        self.reckoning = reckoning
        self.schedule = schedule
        self.texts = texts
        let day = reckoning.day
        slips = p.buildings.compactMap { b in
            guard b.completion.actual == nil, let days = b.slipDays, days > 0 else { return nil }
            return (b, days)
        }.sorted { $0.days > $1.days }
        let starts = p.batchStarts()
        behindPlan = p.buildings.compactMap { b in
            guard let behind = p.behindPlan(of: b, on: day, batchStarts: starts),
                  reckoning.behindPlan.standing(of: behind.points) != .fine else { return nil }
            return (b, behind)
        }.sorted { $0.1.points > $1.1.points }
        let horizon = day.adding(days: Self.dueWithinDays)
        milestonesDue = p.timeline.compactMap { m in
            guard !m.isAchieved, let when = m.when?.lastDay else { return nil }
            if m.isOverdue(on: day) { return (m, true) }
            return when >= day && when <= horizon ? (m, false) : nil
        }
    }

    /// Milestones due this many days ahead need attention now.
    static let dueWithinDays = 30
    /// The slips, and the buildings behind plan, listed: the worst first, the rest counted.
    static let listed = 5

    private var day: Day { reckoning.day }

    private func cells(_ cited: inout SourceNumbers, _ ids: [String]) -> ReportCell {
        let numbers = cited.cite(ids) { programme.source($0) != nil }
        return ReportCell(numbers.map { "[\($0)]" }.joined(), raw: numbers.map(String.init).joined(separator: " "))
    }

    private var sourcesColumn: ReportTable.Column { .init(texts[.sources], key: HTML.citations) }

    // MARK: - Headline

    /// The overall standing, the buildings by status, each phase's end against its target, and
    /// completion by floor area.
    func headline(_ cited: inout SourceNumbers) -> ReportTable {
        let t = texts, p = programme
        var rows: [[ReportCell]] = [[ReportCell(t[.briefOverall]), ReportCell(overall), cells(&cited, [])]]
        let counts = p.statusCounts(on: day)
        rows.append([ReportCell(t[.buildingsFact]),
                     ReportCell(t(.briefBuildingCounts, counts[.completed] ?? 0, p.buildings.count,
                                  (counts[.underConstruction] ?? 0) + (counts[.toppedOut] ?? 0), counts[.planned] ?? 0)),
                     cells(&cited, p.buildings.flatMap { [$0.completion.actual?.sourceID, $0.percentComplete.sourceID].compactMap { $0 } })])
        let completions = p.completions()
        for phase in p.phases.sorted(by: { $0.order < $1.order }) {
            guard let row = schedule.rows.first(where: { $0.id == phase.id }) else { continue }
            let members = p.buildings.filter { p.batch($0.batchID)?.phaseID == phase.id }
            let target = phase.target.map(t.date) ?? "—"
            let forecast = row.current.map { t.day($0.upperBound) } ?? "—"
            let variance = row.variance.map { t(.briefVariance, t.days($0)) } ?? ""
            rows.append([ReportCell(t.name(phase.name, chinese: phase.chinese["name"])),
                         ReportCell(t(.briefPhaseEnd, target, forecast) + variance, illustrative: row.isIllustrative),
                         cells(&cited, [phase.target?.sourceID].compactMap { $0 } + members.compactMap { $0.completion.expected?.sourceID })])
            if let done = completions.phases[phase.id] {
                rows.append([ReportCell(t(.reportPhaseCompletion, t.name(phase.name, chinese: phase.chinese["name"]))),
                             ReportCell(Format.percent(done.percent), illustrative: done.isIllustrative),
                             cells(&cited, members.flatMap { [$0.floorArea.sourceID, $0.percentComplete.sourceID] })])
            }
        }
        return ReportTable(section: .overview, title: t[.briefHeadline],
                           columns: [.init(t[.columnMeasure], key: "measure"), .init(t[.columnValue], key: "value"), sourcesColumn],
                           rows: rows)
    }

    /// On track, to be watched, or at risk: the worst of the phases' variance, the buildings'
    /// lag behind plan and the earned-value indices, with what makes it so.
    private var overall: String {
        let t = texts
        var worst = Standing.fine
        var reasons: [String] = []
        func note(_ standing: Standing, _ reason: String) {
            guard standing == .warning || standing == .bad else { return }
            if standing == .bad || worst == .fine { worst = standing }
            reasons.append(reason)
        }
        let late = slips.count
        if late > 0 { note(slips.contains { $0.days > Lateness.seriousAfterDays } ? .bad : .warning, t(.briefLateCount, late)) }
        let behind = behindPlan
        if !behind.isEmpty {
            note(behind.map { reckoning.behindPlan.standing(of: $0.1.points) }.contains(.bad) ? .bad : .warning,
                 t(.briefBehindCount, behind.count))
        }
        for allocation in programme.allAllocations.map(\.allocation) {
            guard let ev = programme.earnedValue(of: allocation, on: day) else { continue }
            let standings = [ev.schedulePerformance, ev.costPerformance].map(reckoning.thresholds.standing)
            let worstIndex: Standing = standings.contains(.bad) ? .bad : standings.contains(.warning) ? .warning : .fine
            note(worstIndex, t(.briefIndexReason, t.name(allocation.name, chinese: allocation.chinese["name"]),
                               t.index(ev.schedulePerformance, illustrative: ev.isIllustrative),
                               t.index(ev.costPerformance, illustrative: ev.isIllustrative)))
        }
        let word = t[worst == .bad ? .briefAtRisk : worst == .warning ? .briefWatch : .briefOnTrack]
        return reasons.isEmpty ? word : t(.briefReasons, word, reasons.joined(separator: t[.listSeparator]))
    }

    // MARK: - Attention

    var attentionIsEmpty: Bool { slips.isEmpty && behindPlan.isEmpty && milestonesDue.isEmpty }

    func attention(_ cited: inout SourceNumbers) -> ReportTable {
        let t = texts, p = programme
        var rows: [[ReportCell]] = []
        func name(_ b: Building) -> String { t.name(b.nameEN, chinese: b.nameZH) }
        // Each figure carries its own mark: a recorded forecast against an illustrative baseline
        // is not itself illustrative.
        func mark(_ source: String?) -> String { Format.mark(source.map(p.isIllustrative) ?? false) }
        for (b, days) in slips.prefix(Self.listed) {
            let baseline = b.completion.baseline.map { t.date($0) + mark($0.sourceID) } ?? "—"
            let forecast = b.completion.expected.map { t.date($0) + mark($0.sourceID) } ?? "—"
            rows.append([ReportCell(name(b)),
                         ReportCell(t(.briefSlip, t.days(days) + Format.mark(p.isSlipIllustrative(b)), baseline, forecast)),
                         cells(&cited, [b.completion.baseline?.sourceID, b.completion.expected?.sourceID].compactMap { $0 })])
        }
        if slips.count > Self.listed { rows.append([ReportCell(t(.briefMore, slips.count - Self.listed)), .empty, .empty]) }
        for (b, behind) in behindPlan.prefix(Self.listed) {
            let plan = Format.mark(p.plannedWindow(of: b)?.isIllustrative ?? false)
            rows.append([ReportCell(name(b)),
                         ReportCell(t(.briefBehind, t.points(behind.points) + Format.mark(behind.isIllustrative),
                                      Format.percent(behind.planned) + plan,
                                      Format.percent(behind.reported) + mark(b.percentComplete.sourceID))),
                         cells(&cited, [b.percentComplete.sourceID, b.completion.baseline?.sourceID].compactMap { $0 })])
        }
        if behindPlan.count > Self.listed { rows.append([ReportCell(t(.briefMore, behindPlan.count - Self.listed)), .empty, .empty]) }
        for (m, isOverdue) in milestonesDue {
            let when = m.when.map(t.date) ?? "—"
            rows.append([ReportCell(t.name(m.name, chinese: m.chinese["name"])),
                         ReportCell(t(isOverdue ? .briefOverdue : .briefDue, when),
                                    illustrative: m.when.map { p.isIllustrative($0.sourceID) } ?? false),
                         cells(&cited, [m.sourceID, m.when?.sourceID].compactMap { $0 })])
        }
        return ReportTable(section: .schedule, title: t[.briefAttention],
                           columns: [.init(t[.briefItem], key: "item"), .init(t[.briefWhat], key: "what"), sourcesColumn],
                           rows: rows)
    }

    // MARK: - Money

    /// The allocations the brief shows (`BudgetChart.shown`): approved, committed and spent, SPI and CPI.
    func money(_ cited: inout SourceNumbers) -> ReportTable {
        let t = texts, p = programme
        let rows = BudgetChart.shown(p).map { node -> [ReportCell] in
            let a = node.allocation
            func money(_ value: Sourced<HKD>?) -> ReportCell {
                value.map { ReportCell(t.amount($0.value), illustrative: p.isIllustrative($0.sourceID)) } ?? .empty
            }
            let ev = p.earnedValue(of: a, on: day)
            let indent = String(repeating: "· ", count: node.depth)
            return [ReportCell(indent + t.name(a.name, chinese: a.chinese["name"])),
                    ReportCell(t.amount(a.amount), illustrative: p.isIllustrative(a.sourceID)),
                    money(a.committed), money(a.spent),
                    ReportCell(ev.map { t.index($0.schedulePerformance, illustrative: false) } ?? "", illustrative: ev?.isIllustrative ?? false),
                    ReportCell(ev.map { t.index($0.costPerformance, illustrative: false) } ?? "", illustrative: ev?.isIllustrative ?? false),
                    cells(&cited, a.sourceIDs)]
        }
        return ReportTable(section: .budget, title: t[.briefMoney], columns: [
            .init(t[.columnAllocation], key: "allocation"), .init(t[.briefApproved], key: "approved", alignRight: true),
            .init(t[.committed], key: "committed", alignRight: true), .init(t[.spent], key: "spent", alignRight: true),
            .init("SPI", key: "spi", alignRight: true), .init("CPI", key: "cpi", alignRight: true), sourcesColumn,
        ], rows: rows)
    }
}
