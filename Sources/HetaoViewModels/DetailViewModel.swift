import HetaoDomain
import HetaoText

/// A full-screen detail: every field of one entity, its dates and its sources with confidence.
public struct DetailViewModel: Sendable {
    public enum Line: Hashable, Sendable {
        case heading(String)
        case field(Fact)
        case text(String)
        /// Cells laid out in aligned columns (the first row of a run is its header).
        case columns([String])
        /// A labelled sparkline of values over time.
        case trend(String, [Double])
        /// Planned against reported progress over time.
        case sCurve(SCurve)
        case blank
    }

    public let title: String
    public let lines: [Line]

    /// `history` is the records of the building or allocation shown; `curve` the reported
    /// shares of a group's buildings, as read for its S-curve; `group` its plan, where the caller
    /// keeps one.
    public init?(programme p: Programme, overlay: Overlay, live: LiveContext? = nil, history: [StatusRecord] = [],
                 curve: [SCurve.Point] = [], group plan: GroupProgress? = nil, texts t: Texts = .english) {
        let live = live ?? LiveContext(today: p.asOf)
        /// When and by whom a figure was reported; `stale` overrides the age rule (a completed
        /// building's progress never goes stale).
        func stamp(_ s: ReportStamp?, stale known: Bool? = nil) -> String {
            guard let s else { return "" }
            let stale = known ?? s.isStale(on: live.day, afterDays: live.staleAfterDays)
            return t(.reportStamp, t.day(s.asOf), s.recordedBy, stale ? t(.staleSince, live.staleAfterDays) : "")
        }
        /// PMI's earned value of an allocation that funds construction, each figure marked `*` when
        /// any input is illustrative, SPI and CPI coloured by the thresholds.
        func earnedValueLines(_ ev: EarnedValue, of a: Allocation) -> [Line] {
            let star = ev.isIllustrative ? "*" : ""
            func money(_ value: Double?) -> String {
                guard let value else { return "—" }
                return t.estimate(HKD(dollars: Int64(value.rounded()))) + star
            }
            func fact(_ label: Phrase, _ value: String, _ severity: Severity = .normal) -> Line {
                .field(Fact(t[label], value, illustrative: ev.isIllustrative, severity: severity))
            }
            let funded = p.fundedBuildings(of: a).map { t.name($0.nameEN, chinese: $0.nameZH) }.joined(separator: ", ")
            let planned = ev.budgetAtCompletion > 0 ? ev.plannedValue / ev.budgetAtCompletion : 0
            return [
                .blank, .heading(t(.earnedValueHeading, t.day(live.day))),
                .field(Fact(t[.evmFunds], funded)),
                .text(t(.evmPlanned, Format.percent(ratio: planned) + star, t[.evmShape])),
                // BAC is the allocation's own published amount; what is derived from illustrative inputs is marked.
                .field(Fact(t[.evmBAC], t.money(HKD(dollars: Int64(ev.budgetAtCompletion.rounded()))))),
                fact(.evmPV, money(ev.plannedValue)),
                fact(.evmEV, money(ev.earnedValue)), fact(.evmAC, money(ev.actualCost)),
                fact(.evmSV, money(ev.scheduleVariance), ev.scheduleVariance < 0 ? .warning : .normal),
                fact(.evmCV, money(ev.costVariance), (ev.costVariance ?? 0) < 0 ? .warning : .normal),
                fact(.evmSPI, t.index(ev.schedulePerformance, illustrative: ev.isIllustrative),
                     Severity(live.thresholds.standing(of: ev.schedulePerformance))),
                fact(.evmCPI, t.index(ev.costPerformance, illustrative: ev.isIllustrative),
                     Severity(live.thresholds.standing(of: ev.costPerformance))),
                fact(.evmEAC, money(ev.estimateAtCompletion)), fact(.evmEACBudget, money(ev.estimateAtCompletionAtBudgetRate)),
                fact(.evmETC, money(ev.estimateToComplete)), fact(.evmVAC, money(ev.varianceAtCompletion)),
            ]
        }
        /// The recorded history: a trend of the values and one row per record, corrections shown.
        func historyLines(_ kinds: [RecordKind], trend: (StatusRecord) -> Double?, label: Phrase?) -> [Line] {
            let records = history.filter { kinds.contains($0.kind) }
            guard !records.isEmpty else { return [] }
            let superseded = Dictionary(records.compactMap { r in r.supersedes.map { ($0, r.id) } }, uniquingKeysWith: { $1 })
            let values = records.filter { superseded[$0.id] == nil }.compactMap(trend)
            var lines: [Line] = [.blank, .heading(t(.historyHeading, records.count))]
            if let label, values.count > 1 { lines.append(.trend(t[label], values)) }
            lines.append(.columns([t[.historyNumber], t[.historyAsOf], t[.historyReported], t[.historyBy], t[.historySource]]))
            for r in records.suffix(40) {
                let mark = superseded[r.id].map { t(.supersededBy, $0) } ?? r.supersedes.map { t(.corrects, $0) } ?? ""
                lines.append(.columns(["\(r.id)", t.day(r.asOf), t.summary(r) + mark, r.recordedBy, r.source]))
            }
            return lines
        }
        func mark(_ source: String) -> String { p.isIllustrative(source) ? "*" : "" }
        func dated(_ d: DatedValue?) -> String { d.map { t.date($0) + mark($0.sourceID) } ?? "—" }
        func sources(_ ids: [String]) -> [Line] {
            [.blank, .heading(t[.sources])] + ids.map { id in
                guard let s = p.source(id) else { return .text(t(.notInDataset, id)) }
                let date = s.date.map { ", \(t.date($0))" } ?? ""
                let reference = s.reference.map { ", \($0)" } ?? ""
                let url = s.url.map { " <\($0)>" } ?? ""
                return .field(Fact("[\(t.confidence(s.confidence))]", "\(id): \(s.title). \(s.publisher)\(date)\(reference)\(url)",
                                   illustrative: s.confidence == .illustrative))
            }
        }
        func note(_ english: String?, _ chinese: ChineseText) -> [Line] {
            english.map { [.blank, .heading(t[.note]), .text(t.name($0, chinese: chinese["note"]))] } ?? []
        }
        switch overlay {
        case .help, .changes:
            return nil
        case .group(let group):
            let table = p.completions()
            let completion: Completion
            switch group {
            case .programme:
                title = t.name(p.title, chinese: p.titleZH)
                let phases = p.phases.map { table.phase($0.id) }
                completion = Completion(completedArea: phases.reduce(0) { $0 + $1.completedArea },
                                        scopeArea: phases.reduce(0) { $0 + $1.scopeArea },
                                        isIllustrative: phases.contains(where: \.isIllustrative))
            case .phase(let id):
                guard let phase = p.phase(id) else { return nil }
                title = t.name(phase.name, chinese: phase.chinese["name"])
                completion = table.phase(id)
            case .batch(let id):
                guard let batch = p.batch(id) else { return nil }
                title = t.name(batch.name, chinese: batch.chinese["name"])
                completion = table.batch(id)
            }
            let progress = plan ?? GroupProgress(programme: p, group: group)
            let star = progress.isIllustrative ? "*" : ""
            let reported = curve.isEmpty
                ? progress.reported([], asOf: p.asOf).map { SCurve.Point(day: $0.day, share: $0.share) } : curve
            var lines: [Line] = [
                .field(Fact(t[.groupCompletion], Format.percent(completion.percent) + (completion.isIllustrative ? "*" : ""),
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
                self.lines = lines + [.blank, .text(t[.groupNoPlan])]
                return
            }
            let reportedNow = reported.last { $0.day <= live.day }?.share ?? 0
            let on = t(.byDate, t.day(live.day))
            lines += [
                .field(Fact(t[.groupSpan], "\(t.day(window.lowerBound)) – \(t.day(window.upperBound))\(star)",
                            illustrative: progress.isIllustrative)),
                .field(Fact(t[.groupPlannedNow], Format.percent(ratio: progress.planned(on: live.day)) + star + "  " + on,
                            illustrative: progress.isIllustrative)),
                .field(Fact(t[.groupReportedNow], Format.percent(ratio: reportedNow) + star + "  " + on,
                            illustrative: progress.isIllustrative,
                            severity: Severity(live.reckoning.behindPlan.standing(of: BehindPlan(
                                points: (progress.planned(on: live.day) - reportedNow) * 100,
                                planned: progress.planned(on: live.day) * 100, reported: reportedNow * 100,
                                isIllustrative: progress.isIllustrative))))),
                .blank, .heading(t(.sCurveHeading, t[.evmShape])),
                .sCurve(SCurve(start: window.lowerBound, finish: window.upperBound, planned: progress.planned, reported: reported,
                               today: live.day, illustrative: progress.isIllustrative)),
                .text(t[.groupCurveRule]),
            ]
            self.lines = lines
        case .building(let id):
            guard let b = p.building(id) else { return nil }
            let status = b.status(on: live.day)
            let behind = p.behindPlan(of: b, on: live.day)
            title = t(.buildingTitle, b.label, b.isPlaceholder ? t[.placeholderTitle] : "", t.name(b.nameEN, chinese: b.nameZH))
            var lines: [Line] = [
                .field(Fact(t[.name], t.name(b.nameEN, chinese: b.nameZH))),
                .field(Fact(t[.otherName], t.otherName(b.nameEN, chinese: b.nameZH))),
                .field(Fact(t[.batch], p.batch(b.batchID).map { t.name($0.name, chinese: $0.chinese["name"]) } ?? b.batchID)),
                .field(Fact(t[.recordID], b.id)),
                .field(Fact(t[.use], t.use(b.use.value) + mark(b.use.sourceID), illustrative: p.isIllustrative(b.use.sourceID))),
                .field(Fact(t[.storeys], b.storeys.map { "\($0.value)\(mark($0.sourceID))" } ?? t[.notPublished])),
                .field(Fact(t[.floorArea], t.area(b.floorArea.value) + mark(b.floorArea.sourceID),
                            illustrative: p.isIllustrative(b.floorArea.sourceID))),
                .field(Fact(t[.status], t.status(status), severity: status == .completed ? .good : .normal)),
                .field(Fact(t[.progress], Format.percent(b.percentComplete.value) + mark(b.percentComplete.sourceID)
                            + stamp(b.progressReport, stale: b.isProgressStale(on: live.day, afterDays: live.staleAfterDays)),
                            illustrative: p.isIllustrative(b.percentComplete.sourceID),
                            severity: b.isProgressStale(on: live.day, afterDays: live.staleAfterDays)
                                ? .warning : .normal)),
                .field(Fact(t[.leased], b.shareLeased.map { Format.percent($0.value) + mark($0.sourceID) + stamp(b.leasingReport) }
                            ?? t[.notPublished])),
                .field(Fact(t[.slip], b.slipDays.map { t(.slipExplained, t.days($0)) } ?? "—",
                            severity: Severity(b.lateness))),
                .field(Fact(t[.behindPlan], behind.map { behind in
                    let star = behind.isIllustrative ? "*" : ""
                    return t(.behindPlanExplained, t.points(behind.points) + star, Format.percent(behind.planned) + star,
                             Format.percent(behind.reported), t.day(live.day))
                } ?? "—", illustrative: behind?.isIllustrative == true,
                            severity: Severity(live.reckoning.behindPlan.standing(of: behind)))),
                .blank, .heading(t[.milestones]), .columns(["", t[.baseline], t[.forecast], t[.actual]]),
            ]
            for (name, plan) in [(Phrase.start, b.start), (.toppingOut, b.toppingOut), (.completion, b.completion)] {
                lines.append(.columns([t[name], dated(plan.baseline), dated(plan.forecast), dated(plan.actual)]))
            }
            lines += note(b.note, b.chinese)
            if let window = p.plannedWindow(of: b) {
                let progress = history.filter { $0.kind == .progress && $0.percent != nil }
                let withdrawn = Set(progress.compactMap(\.supersedes))
                var reported = progress.filter { !withdrawn.contains($0.id) }.map { SCurve.Point(day: $0.asOf, share: $0.percent! / 100) }
                if reported.isEmpty { reported = [SCurve.Point(day: p.asOf, share: b.percentComplete.value / 100)] }
                let curve = SCurve(window: window, reported: reported.sorted { $0.day < $1.day }, today: live.day,
                                   illustrative: window.isIllustrative || p.isIllustrative(b.percentComplete.sourceID))
                lines += [.blank, .heading(t(.sCurveHeading, t[.evmShape])), .sCurve(curve)]
            }
            lines += historyLines([.progress], trend: \.percent, label: .progressTrend)
            lines += historyLines([.leasing], trend: \.shareLet, label: .shareLetTrend)
            lines += historyLines([.milestone], trend: { _ in nil }, label: nil)
            self.lines = lines + sources(b.sourceIDs)
        case .allocation(let id):
            guard let a = p.allocation(id) else { return nil }
            title = t.name(a.name, chinese: a.chinese["name"])
            let parent = p.parent(ofAllocation: id)
            var lines: [Line] = [
                .field(Fact(t[.amount], t.money(a.amount))),
                .field(Fact(t[.recordID], a.id)),
                .field(Fact(t[.status], t.allocationStatus(a.status))),
                .field(Fact(t[.financialYear], a.financialYear ?? "—")),
                .field(Fact(t[.approvedBy], a.approvedBy.map { t.name($0, chinese: a.chinese["approved_by"]) } ?? "—")),
            ]
            if let parent {
                lines.append(.field(Fact(t[.shareOfParent], t(.shareOfParentValue, Format.percent(ratio: a.share(of: parent)),
                                                              t.name(parent.name, chinese: parent.chinese["name"])))))
            }
            if !a.children.isEmpty {
                lines.append(.field(Fact(t[.subAllocated], t.money(a.allocatedToChildren))))
                lines.append(.field(Fact(t[.unallocated], t.money(a.unallocated),
                                         severity: a.unallocated > .zero ? .warning : .normal)))
            }
            if let c = a.committed {
                lines.append(.field(Fact(t[.committed], t.money(c.value) + mark(c.sourceID), illustrative: p.isIllustrative(c.sourceID))))
            }
            if let s = a.spent {
                lines.append(.field(Fact(t[.spent], t.money(s.value) + mark(s.sourceID) + stamp(a.spendReport),
                                         illustrative: p.isIllustrative(s.sourceID))))
            }
            if let ev = p.earnedValue(of: a, on: live.day) {
                lines += earnedValueLines(ev, of: a)
            }
            if !a.children.isEmpty {
                lines += [.blank, .heading(t[.subAllocations])]
                lines += a.children.map {
                    .field(Fact(t.name($0.name, chinese: $0.chinese["name"]), "\(t.money($0.amount))  \(Format.percent(ratio: $0.share(of: a)))"))
                }
            }
            lines += note(a.note, a.chinese)
            lines += historyLines([.spend], trend: { $0.spent.map { Double($0.dollars) } }, label: .spentTrend)
            self.lines = lines + sources(a.sourceIDs)
        case .institution(let id):
            guard let i = p.institution(id) else { return nil }
            title = t.name(i.name, chinese: i.chinese["name"])
            var lines: [Line] = [
                .field(Fact(t[.kind], t.kind(i.kind))), .field(Fact(t[.field], t.name(i.field, chinese: i.chinese["field"]))),
                .field(Fact(t[.status], t.name(i.status, chinese: i.chinese["status"]))),
                .field(Fact(t[.fiveMajor], i.isFiveMajor ? t[.fiveMajorYes] : t[.no])),
            ]
            if let e = i.established { lines.append(.field(Fact(t[.established], dated(e)))) }
            if let l = i.location { lines.append(.field(Fact(t[.location], t.name(l, chinese: i.chinese["location"])))) }
            if let a = i.allocationID.flatMap(p.allocation) {
                lines.append(.field(Fact(t[.funding], "\(t.money(a.amount)) — \(t.name(a.name, chinese: a.chinese["name"]))")))
            }
            lines += note(i.note, i.chinese)
            self.lines = lines + sources(Source.distinct(i.sourceIDs + [i.allocationID.flatMap(p.allocation)?.sourceID]))
        }
    }
}

/// The ids in order, each once.

/// Planned against reported progress of one building, for a chart: the plan sampled evenly from
/// its start to the later of its finish and today, and each report as a point.
public struct SCurve: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        public var day: Day
        /// 0–1.
        public var share: Double

        public init(day: Day, share: Double) {
            self.day = day
            self.share = share
        }
    }

    public var start: Day
    public var end: Day
    /// The planned share done at `samples` evenly spaced days from `start` to `end`.
    public var planned: [Double]
    public var reported: [Point]
    public var isIllustrative: Bool

    public static let samples = 81

    public init(window: PlannedWindow, reported: [Point], today: Day, illustrative: Bool) {
        self.init(start: window.start, finish: window.finish, planned: window.fraction, reported: reported, today: today,
                  illustrative: illustrative)
    }

    public init(start: Day, finish: Day, planned: (Day) -> Double, reported: [Point], today: Day, illustrative: Bool) {
        self.start = start
        end = max(finish, today, reported.last?.day ?? today)
        let span = Double(max(1, start.days(until: end)))
        self.planned = (0..<Self.samples).map { i in
            planned(start.adding(days: Int((span * Double(i) / Double(Self.samples - 1)).rounded())))
        }
        self.reported = reported
        isIllustrative = illustrative
    }

    /// Where `day` falls between start (0) and end (1).
    public func position(of day: Day) -> Double {
        Double(start.days(until: day)) / Double(max(1, start.days(until: end)))
    }
}
