import HetaoDomain
import HetaoText

/// A phase's, a batch's or the programme's detail: its completion, its planned span, planned
/// against reported by the day shown, and its combined S-curve.
struct GroupDetail {
    let model: DetailViewModel

    /// `curve` is the reported shares of the group's buildings as read for its S-curve; empty,
    /// the dataset's own figures stand in, unless the reports are still `reading`.
    init?(_ group: ProgressGroup, plan progress: GroupProgress, curve: [SCurve.Point], reading: Bool = false,
          completions: CompletionTable, writer w: DetailWriter) {
        let (p, t, live) = (w.programme, w.texts, w.live)
        let title: String
        switch group {
        case .programme: title = t.name(p.title, chinese: p.titleZH)
        case .phase(let id):
            guard let phase = p.phase(id) else { return nil }
            title = t.name(phase.name, chinese: phase.chinese["name"])
        case .batch(let id):
            guard let batch = p.batch(id) else { return nil }
            title = t.name(batch.name, chinese: batch.chinese["name"])
        }
        let completion = completions.group(group)
        let star = Format.mark(progress.isIllustrative)
        let reported = curve.isEmpty
            ? progress.reported(.reports([]), asOf: p.asOf).map { SCurve.Point(day: $0.day, share: $0.share) } : curve
        var lines: [DetailViewModel.Line] = [
            .field(Fact(t[.groupCompletion], Format.percent(completion.percent) + Format.mark(completion.isIllustrative),
                        illustrative: completion.isIllustrative)),
            .field(Fact(t[.buildingsFact], t(.groupBuildings, progress.listed, progress.buildings.count))),
        ]
        // Members that finished late are what happened, not how the group stands now.
        let late = p.finishedLate(p.buildings(of: group))
        if !late.isEmpty {
            lines.append(.field(Fact(t[.finishedLate], late.map { "\(t.name($0.nameEN, chinese: $0.nameZH)) \(t.days($0.slipDays ?? 0))" }
                .joined(separator: ", "), severity: .muted)))
        }
        guard let window = progress.window else {
            model = DetailViewModel(title: title, lines: lines + [.blank, .text(t[.groupNoPlan])])
            return
        }
        let planned = progress.planned(on: live.day)
        let reportedNow = reported.last { $0.day <= live.day }?.share ?? 0
        let waiting = reading && curve.isEmpty
        let behindPoints = (planned - reportedNow) * 100
        let on = t(.byDate, t.day(live.day))
        lines += [
            .field(Fact(t[.groupSpan], "\(t.day(window.lowerBound)) – \(t.day(window.upperBound))\(star)",
                        illustrative: progress.isIllustrative)),
            .field(Fact(t[.groupPlannedNow], Format.percent(ratio: planned) + star + "  " + on, illustrative: progress.isIllustrative)),
            waiting ? .field(Fact(t[.groupReportedNow], "…", severity: .muted))
                : .field(Fact(t[.groupReportedNow], Format.percent(ratio: reportedNow) + star + "  " + on,
                              illustrative: progress.isIllustrative,
                              severity: Severity(live.reckoning.behindPlan.standing(of: behindPoints)))),
            .blank, .heading(t(.sCurveHeading, t[.evmShape])),
            waiting ? .text(t[.groupCurveReading])
                : .sCurve(SCurve(start: window.lowerBound, finish: window.upperBound, planned: progress.planned, reported: reported,
                                 today: live.day, illustrative: progress.isIllustrative)),
            .text(t[.groupCurveRule]),
        ]
        model = DetailViewModel(title: title, lines: lines)
    }
}
