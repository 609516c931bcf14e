import HetaoDomain
import HetaoReport
import HetaoText
import HetaoViewModels

/// The weekly brief: one page for a meeting and an email, for one period and in one language.
/// Where the programme stands, what needs attention, the money, what changed (net), and the
/// sources, numbered, that every row cites; with the Gantt, the S-curve and the budget drawn.
/// Every output (HTML, Markdown, text) is written from this one value, so they cannot disagree.
public struct Brief {
    /// One part of the page: its heading, the tables under it, and a line after them.
    public struct Part {
        public var id: String
        public var heading: String
        public var tables: [ReportTable]
        public var note: String?
    }

    public let language: Language
    public let title: String
    /// "2026-11-28 to 2026-12-05", with the day the store is shown as known on where it is past.
    public let period: String
    public let dataAsOf: String
    /// Who made the page and when: the store, on today's date.
    public let provenance: String
    public let hasIllustrative: Bool
    public let parts: [Part]
    /// The sources cited, in the order first cited: number n is `sources[n - 1]`.
    public let sources: [Source]
    public let gantt: GanttChart
    public let sCurve: SCurveChart?
    public let budget: BudgetChart
    /// Every building, for a programme too big to draw them one a row: the Gantt then has a
    /// row a batch (or a phase), and this list is the appendix.
    public let appendix: ReportTable?
    /// What the Gantt leaves out, where it does.
    public let ganttNote: String?

    /// The most rows the Gantt draws: it shows the finest level (building, batch, phase) that fits.
    public static let rowsDrawn = 40

    /// `programme` as shown (now, or as known on a past day), the changes over `period`, and the
    /// progress behind the S-curve (the store's reports or daily sums; no reports: each
    /// building's latest figure).
    public init(programme p: Programme, reckoning: Reckoning, period: ClosedRange<Day>, changes: [NetChange],
                derived: [DerivedChange], progress: ReportedProgress, language: Language) {
        let days = period
        let t = Texts(language)
        let day = reckoning.day
        self.language = language
        var cited = SourceNumbers()
        title = t(.briefTitle, t.name(p.title, chinese: p.titleZH))
        self.period = t(.briefPeriod, t.day(days.lowerBound), t.day(days.upperBound))
            + (reckoning.knownOn.map { t(.reportKnownOn, t.day($0)) } ?? "")
        dataAsOf = t(.reportMarkdownAsOf, t.day(p.dataAsOf), t.asOfFigure(p))
        provenance = t(.briefMadeByOn, t.day(reckoning.today))
        let schedule = ScheduleViewModel(programme: p, today: day, texts: t)
        let facts = BriefFacts(programme: p, reckoning: reckoning, schedule: schedule, texts: t)
        var parts = [
            Part(id: "headline", heading: t[.briefHeadline], tables: [facts.headline(&cited)], note: nil),
            Part(id: "attention", heading: t[.briefAttention], tables: [facts.attention(&cited)],
                 note: facts.attentionIsEmpty ? t[.briefNothingNeedsAttention]
                    : t(.briefAttentionRule, Format.plain(reckoning.behindPlan.warning))),
            Part(id: "money", heading: t[.briefMoney], tables: [facts.money(&cited)],
                 note: t(.briefThresholds, Format.fixed(reckoning.thresholds.warning, places: 2),
                         Format.fixed(reckoning.thresholds.bad, places: 2))),
        ]
        let changeTables = ReportTables(programme: p, texts: t, reckoning: reckoning, changes: changes, derived: derived,
                                        period: days).tables(for: .changes)
        let quiet = changes.isEmpty && derived.isEmpty
        parts.append(Part(id: "changes", heading: t[.sectionChanges], tables: quiet ? [] : Array(changeTables.prefix(2)),
                          note: quiet ? t[.briefNoChanges] : nil))
        self.parts = parts
        func rows(to level: ScheduleRow.Level) -> [ScheduleRow] { schedule.rows.filter { $0.level.rawValue <= level.rawValue } }
        let level = [ScheduleRow.Level.building, .batch].first { rows(to: $0).count <= Self.rowsDrawn } ?? .phase
        gantt = GanttChart(rows: rows(to: level), today: day, texts: t)
        let group = GroupProgress(programme: p, group: .programme)
        sCurve = group.window.map { window in
            let reported = group.reported(progress, asOf: p.asOf).map { SCurve.Point(day: $0.day, share: $0.share) }
            return SCurveChart(curve: SCurve(start: window.lowerBound, finish: window.upperBound, planned: group.planned,
                                             reported: reported, today: day, illustrative: group.isIllustrative),
                               today: day, texts: t, planned: group.buildings.count, listed: group.listed)
        }
        budget = BudgetChart(programme: p, texts: t)
        appendix = level == .building ? nil : ReportTables(programme: p, texts: t, reckoning: reckoning).tables(for: .buildings).first
        ganttNote = level == .building ? nil : t(level == .batch ? .briefGroupedByBatch : .briefGroupedByPhase, p.buildings.count)
        sources = cited.ids.compactMap(p.source)
        hasIllustrative = parts.contains { $0.tables.contains(where: \.hasIllustrative) } || gantt.hasIllustrative
            || sCurve?.curve.isIllustrative == true || budget.bars.contains(where: \.isIllustrative)
    }
}
