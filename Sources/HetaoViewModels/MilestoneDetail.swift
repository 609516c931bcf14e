import HetaoDomain
import HetaoText

/// A milestone's detail: its full title, phase, state on the day shown, variance, its dates,
/// its recorded history and sources.
struct MilestoneDetail {
    let model: DetailViewModel

    init?(_ id: String, writer w: DetailWriter) {
        guard let m = w.programme.milestone(id) else { return nil }
        let (p, t, live) = (w.programme, w.texts, w.live)
        let state = m.state(on: live.day)
        let severity: Severity = switch state {
        case .achieved: .good
        case .expected: .normal
        case .overdue: .warning
        }
        let illustrative = [m.dates.baseline, m.dates.forecast, m.dates.actual].contains { $0.map { p.isIllustrative($0.sourceID) } ?? false }
        var lines: [DetailViewModel.Line] = [
            .field(Fact(t[.columnMilestone], t.name(m.name, chinese: m.chinese["name"]))),
            .field(Fact(t[.recordID], m.id)),
            .field(Fact(t[.columnPhase], m.phaseID.flatMap(p.phase).map { t.name($0.name, chinese: $0.chinese["name"]) } ?? "—")),
            .field(Fact(t[.columnState], t.milestoneState(state) + " (" + t.day(live.day) + ")", severity: severity)),
            .field(Fact(t[.columnVariance], m.varianceDays.map { t.days($0) + Format.mark(illustrative) } ?? "—",
                        illustrative: illustrative, severity: Severity(Lateness(slipDays: m.varianceDays)))),
            .blank, .columns(["", t[.baseline], t[.forecast], t[.actual]]),
            .columns([t[.columnDate], w.dated(m.dates.baseline), w.dated(m.dates.forecast), w.dated(m.dates.actual)]),
        ]
        lines += w.note(m.note, m.chinese)
        lines += w.historyLines([.milestone], trend: { _ in nil }, label: nil)
        let dates = [m.dates.baseline, m.dates.forecast, m.dates.actual].map { $0?.sourceID }
        model = DetailViewModel(title: t.name(m.name, chinese: m.chinese["name"]), lines: lines + w.sources(Source.distinct([m.sourceID] + dates)))
    }
}
