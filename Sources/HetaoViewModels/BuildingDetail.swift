import HetaoDomain
import HetaoText

/// A building's detail: its names and figures, status, progress and leasing with who reported
/// them, slip and lag behind plan, its dates, its S-curve, its recorded history and sources.
struct BuildingDetail {
    let model: DetailViewModel

    init?(_ id: String, writer w: DetailWriter) {
        guard let b = w.programme.building(id) else { return nil }
        let (p, t, live) = (w.programme, w.texts, w.live)
        let status = b.status(on: live.day)
        let behind = p.behindPlan(of: b, on: live.day)
        let stale = b.isProgressStale(on: live.day, afterDays: live.staleAfterDays)
        let title = t(.buildingTitle, b.label, b.isPlaceholder ? t[.placeholderTitle] : "", t.name(b.nameEN, chinese: b.nameZH))
        var lines: [DetailViewModel.Line] = [
            .field(Fact(t[.name], t.name(b.nameEN, chinese: b.nameZH))),
            .field(Fact(t[.otherName], t.otherName(b.nameEN, chinese: b.nameZH))),
            .field(Fact(t[.batch], p.batch(b.batchID).map { t.name($0.name, chinese: $0.chinese["name"]) } ?? b.batchID)),
            .field(Fact(t[.recordID], b.id)),
            .field(Fact(t[.use], t.use(b.use.value) + w.mark(b.use.sourceID), illustrative: p.isIllustrative(b.use.sourceID))),
            .field(Fact(t[.storeys], b.storeys.map { "\($0.value)\(w.mark($0.sourceID))" } ?? t[.notPublished])),
            .field(Fact(t[.floorArea], t.area(b.floorArea.value) + w.mark(b.floorArea.sourceID),
                        illustrative: p.isIllustrative(b.floorArea.sourceID))),
            .field(Fact(t[.status], t.status(status), severity: status == .completed ? .good : .normal)),
            .field(Fact(t[.progress], Format.percent(b.percentComplete.value) + w.mark(b.percentComplete.sourceID)
                        + w.stamp(b.progressReport, stale: stale),
                        illustrative: p.isIllustrative(b.percentComplete.sourceID), severity: stale ? .warning : .normal)),
            .field(Fact(t[.leased], b.shareLeased.map { Format.percent($0.value) + w.mark($0.sourceID) + w.stamp(b.leasingReport) }
                        ?? t[.notPublished])),
            .field(Fact(t[.slip], b.slipDays.map { t(.slipExplained, t.days($0)) } ?? "—", severity: Severity(b.lateness))),
            .field(Fact(t[.behindPlan], behind.map { behind in
                let star = Format.mark(behind.isIllustrative)
                return t(.behindPlanExplained, t.points(behind.points) + star, Format.percent(behind.planned) + star,
                         Format.percent(behind.reported), t.day(live.day))
            } ?? "—", illustrative: behind?.isIllustrative == true, severity: Severity(live.reckoning.behindPlan.standing(of: behind?.points)))),
            .blank, .heading(t[.milestones]), .columns(["", t[.baseline], t[.forecast], t[.actual]]),
        ]
        for (name, plan) in [(Phrase.start, b.start), (.toppingOut, b.toppingOut), (.completion, b.completion)] {
            lines.append(.columns([t[name], w.dated(plan.baseline), w.dated(plan.forecast), w.dated(plan.actual)]))
        }
        lines += w.note(b.note, b.chinese)
        if let window = p.plannedWindow(of: b) {
            var reported = w.history.filter { $0.kind == .progress && $0.percent != nil }.standing
                .map { SCurve.Point(day: $0.asOf, share: $0.percent! / 100) }
            if reported.isEmpty { reported = [SCurve.Point(day: p.asOf, share: b.percentComplete.value / 100)] }
            let curve = SCurve(window: window, reported: reported.sorted { $0.day < $1.day }, today: live.day,
                               illustrative: window.isIllustrative || p.isIllustrative(b.percentComplete.sourceID))
            lines += [.blank, .heading(t(.sCurveHeading, t[.evmShape])), .sCurve(curve)]
        }
        lines += w.historyLines([.progress], trend: \.percent, label: .progressTrend)
        lines += w.historyLines([.leasing], trend: \.shareLet, label: .shareLetTrend)
        lines += w.historyLines([.milestone], trend: { _ in nil }, label: nil)
        model = DetailViewModel(title: title, lines: lines + w.sources(b.sourceIDs))
    }
}
