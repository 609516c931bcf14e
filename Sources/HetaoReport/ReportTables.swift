import HetaoDomain
import HetaoText

/// Builds the report's tables from a programme: the figures the dashboard shows, in rows, in
/// the report's language. Raw values (for CSV) stay machine-readable in every language.
public struct ReportTables {
    public let programme: Programme
    public let texts: Texts
    /// The day statuses, plans, earned value and overdue milestones are reckoned on.
    public let day: Day
    /// What changed over `period`, net, newest first, and the computed figures that moved.
    public let changes: [NetChange]
    public let derived: [DerivedChange]
    public let period: ClosedRange<Day>?

    public init(programme: Programme, texts: Texts = .english, reckoning: Reckoning, changes: [NetChange] = [],
                derived: [DerivedChange] = [], period: ClosedRange<Day>? = nil) {
        self.programme = programme
        self.texts = texts
        day = reckoning.day
        self.changes = changes
        self.derived = derived
        self.period = period
        batchStarts = programme.batchStarts()
    }

    /// Where each batch's plans start, worked out once for every building's row.
    private let batchStarts: [String: DatedValue]

    private var t: Texts { texts }

    public func tables(for section: ReportSection) -> [ReportTable] {
        switch section {
        case .overview: return [parks, status, figures, headlineMoney]
        case .phases: return [phases, batches, timeline]
        case .buildings: return [buildings]
        case .budget: return [budget]
        case .schedule: return [schedule]
        case .evm: return [earnedValue]
        case .changes: return [changeTable, derivedTable, changeRecords]
        case .institutions: return [institutions]
        case .sources: return [sources]
        }
    }

    // MARK: - Cells

    private func illustrative(_ sourceID: String) -> Bool { programme.isIllustrative(sourceID) }

    private func percent(_ value: Sourced<Double>?) -> ReportCell {
        guard let value else { return .empty }
        return ReportCell(Format.percent(value.value), raw: Format.plain(value.value),
                          illustrative: illustrative(value.sourceID))
    }

    private func money(_ value: HKD, source: String) -> ReportCell {
        ReportCell(t.money(value), raw: String(value.dollars), illustrative: illustrative(source))
    }

    private func money(_ value: Sourced<HKD>?) -> ReportCell {
        value.map { money($0.value, source: $0.sourceID) } ?? .empty
    }

    private func date(_ value: DatedValue?) -> ReportCell {
        guard let value else { return .empty }
        return ReportCell(t.date(value), raw: value.display, illustrative: illustrative(value.sourceID))
    }

    private func area(_ value: Sourced<Double>?) -> ReportCell {
        guard let value else { return .empty }
        return ReportCell(t.area(value.value), raw: Format.plain(value.value),
                          illustrative: illustrative(value.sourceID))
    }

    private func completionCell(_ completion: Completion) -> ReportCell {
        ReportCell(Format.percent(completion.percent), raw: Format.plain(completion.percent),
                   illustrative: completion.isIllustrative)
    }

    /// Percentage points behind plan on the day reckoned (`+43 pts`; raw `43`).
    private func behindCell(_ b: Building) -> ReportCell {
        guard let behind = programme.behindPlan(of: b, on: day, batchStarts: batchStarts) else { return .empty }
        return ReportCell(t.points(behind.points), raw: Format.plain(behind.points), illustrative: behind.isIllustrative)
    }

    private func sourceCell(_ id: String) -> ReportCell {
        ReportCell(id, raw: id)
    }

    private func confidenceCell(_ id: String) -> ReportCell {
        let confidence = programme.confidence(of: id)
        return ReportCell(t.confidence(confidence), raw: confidence.rawValue, illustrative: confidence == .illustrative)
    }

    // MARK: - Overview

    private var parks: ReportTable {
        ReportTable(section: .overview, title: t[.reportParks], columns: [
            .init(t[.columnPark], key: "park"), .init(t[.otherName], key: "name_zh"), .init(t[.location], key: "location"),
            .init(t[.columnRole], key: "role"), .init(t[.columnSource], key: "source"),
        ], rows: programme.parks.map {
            [ReportCell(t.name($0.name, chinese: $0.nameZH)), ReportCell(t.otherName($0.name, chinese: $0.nameZH)),
             ReportCell(t.name($0.location, chinese: $0.chinese["location"])), ReportCell(t.name($0.role, chinese: $0.chinese["role"])),
             sourceCell($0.sourceID)]
        })
    }

    /// The at-a-glance status of the Hetao park: counts, completion, dates.
    private var status: ReportTable {
        let counts = programme.statusCounts(on: day)
        let total = programme.buildings.count
        let phaseNames = programme.phases.map { t.name($0.name, chinese: $0.chinese["name"]) }
        var rows: [[ReportCell]] = [
            [ReportCell(t[.reportDataAsOfLabel]), ReportCell(t.day(programme.dataAsOf) + " (" + t.asOfFigure(programme) + ")",
                                                         raw: programme.dataAsOf.iso)],
            [ReportCell(t[.phasesFact]), ReportCell("\(programme.phases.count) (\(phaseNames.joined(separator: ", ")))",
                                                raw: String(programme.phases.count))],
            [ReportCell(t[.reportBuildingsListed]), ReportCell(String(total))],
        ]
        for status in BuildingStatus.allCases.reversed() {
            rows.append([ReportCell(t(.reportBuildingsWithStatus, t.status(status))), ReportCell(String(counts[status] ?? 0))])
        }
        for (phase, name) in zip(programme.phases, phaseNames) {
            rows.append([ReportCell(t(.reportPhaseCompletion, name)), completionCell(programme.completion(ofPhase: phase.id))])
        }
        if let opening = programme.milestone("opening")?.when {
            rows.append([ReportCell(t[.openedFact]), date(opening)])
        }
        if let next = programme.nextMilestone(on: day), let when = next.when {
            rows.append([ReportCell(t[.nextMilestoneFact]),
                         ReportCell("\(t.date(when)): \(t.name(next.name, chinese: next.chinese["name"]))", raw: when.display,
                                    illustrative: illustrative(when.sourceID))])
        }
        return ReportTable(section: .overview, title: t[.reportAtAGlance],
                           columns: [.init(t[.columnMeasure], key: "measure"), .init(t[.columnValue], key: "value")], rows: rows)
    }

    private var figures: ReportTable {
        ReportTable(section: .overview, title: t[.reportFigures], columns: [
            .init(t[.columnFigure], key: "figure"), .init(t[.columnValue], key: "value", alignRight: true),
            .init(t[.columnUnit], key: "unit"), .init(t[.note], key: "note"), .init(t[.columnSource], key: "source"),
            .init(t[.columnConfidence], key: "confidence"),
        ], rows: programme.figures.map { f in
            [ReportCell(t.name(f.label, chinese: f.chinese["label"]), raw: f.label),
             ReportCell(Format.grouped(f.value), raw: Format.plain(f.value), illustrative: illustrative(f.sourceID)),
             ReportCell(t.name(f.unit, chinese: f.chinese["unit"]), raw: f.unit),
             ReportCell(f.note.map { t.name($0, chinese: f.chinese["note"]) } ?? "", raw: f.note ?? ""),
             sourceCell(f.sourceID), confidenceCell(f.sourceID)]
        })
    }

    /// Top-level allocations and their first level of sub-allocations: where the money is.
    private var headlineMoney: ReportTable {
        let rows = programme.allAllocations.filter { $0.depth <= 1 }.map { entry -> [ReportCell] in
            let a = entry.allocation
            let name = t.name(a.name, chinese: a.chinese["name"])
            return [ReportCell(String(repeating: "  ", count: entry.depth) + name, raw: a.name),
                    money(a.amount, source: a.sourceID), ReportCell(t.allocationStatus(a.status), raw: a.status.rawValue),
                    ReportCell(a.financialYear ?? ""), sourceCell(a.sourceID)]
        }
        return ReportTable(section: .overview, title: t[.headlineMoney], columns: [
            .init(t[.columnAllocation], key: "allocation"), .init(t[.columnAmount], key: "amount_hkd", alignRight: true),
            .init(t[.columnStatus], key: "status"), .init(t[.columnYear], key: "financial_year"),
            .init(t[.columnSource], key: "source"),
        ], rows: rows)
    }

    // MARK: - Phases

    private var phases: ReportTable {
        ReportTable(section: .phases, title: t[.reportPhasesTitle], columns: [
            .init(t[.columnPhase], key: "phase"), .init(t[.floorArea], key: "floor_area_m2", alignRight: true),
            .init(t[.completeFact], key: "completion_percent", alignRight: true), .init(t[.columnTarget], key: "target"),
            .init(t[.reportBatches], key: "batches", alignRight: true), .init(t[.paneBuildings], key: "buildings", alignRight: true),
            .init(t[.columnSummary], key: "summary"),
        ], rows: programme.phases.map { phase in
            let completion = programme.completion(ofPhase: phase.id)
            let batches = programme.batches(in: phase.id)
            let buildings = batches.reduce(0) { $0 + programme.buildings(in: $1.id).count }
            return [ReportCell(t.name(phase.name, chinese: phase.chinese["name"]), raw: phase.name), area(phase.floorArea),
                    completionCell(completion), date(phase.target), ReportCell(String(batches.count)),
                    ReportCell(String(buildings)), ReportCell(t.name(phase.summary, chinese: phase.chinese["summary"]))]
        })
    }

    private var batches: ReportTable {
        ReportTable(section: .phases, title: t[.reportBatches], columns: [
            .init(t[.batch], key: "batch"), .init(t[.columnPhase], key: "phase"), .init(t[.columnDelivery], key: "delivery"),
            .init(t[.columnSites], key: "sites", alignRight: true), .init(t[.floorArea], key: "floor_area_m2", alignRight: true),
            .init(t[.paneBuildings], key: "buildings", alignRight: true),
            .init(t[.completeFact], key: "completion_percent", alignRight: true),
        ], rows: programme.batches.map { batch in
            let completion = programme.completion(ofBatch: batch.id)
            let counts = programme.statusCounts(of: programme.buildings(in: batch.id), on: day)
            let listed = programme.buildings(in: batch.id).count
            let done = counts[.completed] ?? 0
            let phase = programme.phase(batch.phaseID)
            return [ReportCell(t.name(batch.name, chinese: batch.chinese["name"]), raw: batch.name),
                    ReportCell(phase.map { t.name($0.name, chinese: $0.chinese["name"]) } ?? batch.phaseID, raw: phase?.name ?? batch.phaseID),
                    ReportCell(t.name(batch.delivery, chinese: batch.chinese["delivery"])), ReportCell(batch.sites.map(String.init) ?? ""),
                    area(batch.floorArea),
                    ReportCell(listed == 0 ? t[.reportNoneListed] : t(.reportDoneOf, done, listed), raw: String(listed)),
                    completionCell(completion)]
        })
    }

    private var timeline: ReportTable {
        ReportTable(section: .phases, title: t[.timeline], columns: [
            .init(t[.columnWhen], key: "date"), .init(t[.columnMilestone], key: "milestone"), .init(t[.columnState], key: "state"),
            .init(t[.columnBaseline], key: "baseline"), .init(t[.columnVariance], key: "variance_days", alignRight: true),
            .init(t[.columnSource], key: "source"),
        ], rows: programme.timeline.map { m in
            let state = m.state(on: day)
            return [date(m.when), ReportCell(t.name(m.name, chinese: m.chinese["name"]), raw: m.name),
                    ReportCell(t.milestoneState(state), raw: state.rawValue), date(m.dates.baseline),
                    m.varianceDays.map { ReportCell(t.days($0), raw: String($0)) } ?? .empty, sourceCell(m.sourceID)]
        })
    }

    // MARK: - Buildings

    private var buildings: ReportTable {
        ReportTable(section: .buildings, title: t[.paneBuildings], columns: [
            .init(t[.columnNumber], key: "label"), .init(t[.columnBuilding], key: "name_en"),
            .init(t[.columnOtherName], key: "name_zh"), .init(t[.columnUse], key: "use"),
            .init(t[.storeys], key: "storeys", alignRight: true), .init(t[.columnStatus], key: "status"),
            .init(t[.columnProgress], key: "percent_complete", alignRight: true), .init(t[.columnBaseline], key: "completion_baseline"),
            .init(t[.columnExpectedOrActual], key: "completion_expected"), .init(t[.columnSlip], key: "slip_days", alignRight: true),
            .init(t[.columnBehind], key: "behind_plan_points", alignRight: true),
            .init(t[.leased], key: "share_leased", alignRight: true), .init(t[.columnReported], key: "progress_as_of"),
            .init(t[.sources], key: "sources"),
        ], rows: programme.buildings.map { b in
            let slipIllustrative = programme.isSlipIllustrative(b)
            let status = b.status(on: day)
            return [ReportCell(b.isPlaceholder ? t(.reportPlaceholder, b.label) : b.label, raw: b.label),
                    ReportCell(t.name(b.nameEN, chinese: b.nameZH), raw: b.nameEN),
                    ReportCell(t.otherName(b.nameEN, chinese: b.nameZH), raw: b.nameZH),
                    ReportCell(t.use(b.use.value), raw: b.use.value.rawValue, illustrative: illustrative(b.use.sourceID)),
                    b.storeys.map { ReportCell(String($0.value), illustrative: illustrative($0.sourceID)) } ?? .empty,
                    ReportCell(t.status(status), raw: status.rawValue),
                    percent(b.percentComplete), date(b.completion.baseline), date(b.completion.expected),
                    b.slipDays.map { ReportCell(t.days($0), raw: String($0), illustrative: slipIllustrative) } ?? .empty,
                    behindCell(b),
                    percent(b.shareLeased),
                    ReportCell(b.progressReport.map { t.day($0.asOf) } ?? "", raw: b.progressReport?.asOf.iso ?? ""),
                    ReportCell(b.sourceIDs.joined(separator: " "))]
        })
    }

    // MARK: - Schedule and earned value

    /// Each building's baseline against its forecast or actual, and planned against done today.
    private var schedule: ReportTable {
        ReportTable(section: .schedule, title: t[.sectionSchedule], columns: [
            .init(t[.columnId], key: "id"), .init(t[.columnBuilding], key: "name_en"),
            .init(t[.reportBaselineStart], key: "start_baseline"), .init(t[.columnBaseline], key: "completion_baseline"),
            .init(t[.columnExpectedOrActual], key: "completion_expected"),
            .init(t[.columnVariance], key: "variance_days", alignRight: true),
            .init(t(.reportPlanned, t.day(day)), key: "planned_percent", alignRight: true),
            .init(t[.columnProgress], key: "percent_complete", alignRight: true),
            .init(t[.columnBehind], key: "behind_plan_points", alignRight: true),
        ], rows: programme.buildings.map { b in
            let window = programme.plannedWindow(of: b)
            let varianceIllustrative = programme.isSlipIllustrative(b)
            return [ReportCell(b.id), ReportCell(t.name(b.nameEN, chinese: b.nameZH), raw: b.nameEN),
                    window.map { ReportCell(t.day($0.start), raw: $0.start.iso, illustrative: $0.isIllustrative) } ?? .empty,
                    date(b.completion.baseline), date(b.completion.expected),
                    b.slipDays.map { ReportCell(t.days($0), raw: String($0), illustrative: varianceIllustrative) } ?? .empty,
                    window.map { ReportCell(Format.percent(ratio: $0.fraction(on: day)), raw: Format.plain(($0.fraction(on: day) * 1000).rounded() / 10),
                                            illustrative: $0.isIllustrative) } ?? .empty,
                    percent(b.percentComplete), behindCell(b)]
        })
    }

    /// PMI earned value for every allocation that funds construction of known scope.
    private var earnedValue: ReportTable {
        func money(_ value: Double?, _ illustrative: Bool) -> ReportCell {
            guard let value else { return .empty }
            let dollars = HKD(dollars: Int64(value.rounded()))
            return ReportCell(t.estimate(dollars), raw: String(dollars.dollars), illustrative: illustrative)
        }
        func index(_ value: Double?, _ illustrative: Bool) -> ReportCell {
            guard let value else { return .empty }
            return ReportCell(Format.fixed(value, places: 2), raw: Format.fixed(value, places: 4), illustrative: illustrative)
        }
        let rows = programme.allAllocations.compactMap { entry -> [ReportCell]? in
            let a = entry.allocation
            guard let ev = programme.earnedValue(of: a, on: day) else { return nil }
            let i = ev.isIllustrative
            return [ReportCell(a.id), ReportCell(t.name(a.name, chinese: a.chinese["name"]), raw: a.name),
                    money(ev.budgetAtCompletion, false), money(ev.plannedValue, i), money(ev.earnedValue, i),
                    money(ev.actualCost, i), money(ev.scheduleVariance, i), money(ev.costVariance, i),
                    index(ev.schedulePerformance, i), index(ev.costPerformance, i), money(ev.estimateAtCompletion, i),
                    money(ev.estimateAtCompletionAtBudgetRate, i), money(ev.estimateToComplete, i), money(ev.varianceAtCompletion, i)]
        }
        return ReportTable(section: .evm, title: t[.sectionEVM], columns: [
            .init(t[.columnId], key: "id"), .init(t[.columnAllocation], key: "name"),
            .init("BAC", key: "bac_hkd", alignRight: true), .init(t(.reportPVOn, t.day(day)), key: "pv_hkd", alignRight: true),
            .init("EV", key: "ev_hkd", alignRight: true), .init("AC", key: "ac_hkd", alignRight: true),
            .init("SV", key: "sv_hkd", alignRight: true), .init("CV", key: "cv_hkd", alignRight: true),
            .init("SPI", key: "spi", alignRight: true), .init("CPI", key: "cpi", alignRight: true),
            .init("EAC", key: "eac_hkd", alignRight: true), .init("EAC (AC+BAC−EV)", key: "eac_at_budget_rate_hkd", alignRight: true),
            .init("ETC", key: "etc_hkd", alignRight: true), .init("VAC", key: "vac_hkd", alignRight: true),
        ], rows: rows)
    }

    /// What changed in the period, net, a row a figure: from what was known when it began to
    /// what was known when it ended, how many records, the last one's date and source.
    private var changeTable: ReportTable {
        ReportTable(section: .changes, title: period.map { t(.reportNetChangesIn, t.day($0.lowerBound), t.day($0.upperBound)) }
                        ?? t[.reportNetChanges], columns: [
            .init(t[.columnId], key: "subject"), .init(t[.kind], key: "kind"), .init(t[.reportFrom], key: "from"),
            .init(t[.reportTo], key: "to"), .init(t[.reportRecords], key: "records", alignRight: true),
            .init(t[.historyAsOf], key: "as_of"), .init(t[.historyBy], key: "recorded_by"),
            .init(t[.historySource], key: "source"),
        ], rows: changes.map { change in
            let r = change.latest
            let corrected = change.correctedBy.count
            let people = change.records.map(\.recordedBy).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            return [ReportCell(r.subject),
                    ReportCell(t.kindName(r.kind, event: r.event), raw: r.kind.rawValue + (r.event.map { ":" + $0.rawValue } ?? "")),
                    ReportCell(change.before.map { t.summary($0) } ?? ""),
                    ReportCell(change.after.map { t.summary($0) } ?? t[.reportWithdrawn], raw: change.after.map { t.summary($0) } ?? ""),
                    ReportCell(t(.reportRecordCount, change.records.count)
                               + (corrected > 0 ? t(.reportCorrectedCount, corrected) : ""), raw: String(change.records.count)),
                    ReportCell(change.after.map { t.day($0.asOf) } ?? "", raw: change.after?.asOf.iso ?? ""),
                    ReportCell(people.joined(separator: ", ")), ReportCell(change.after?.source ?? r.source)]
        })
    }

    /// The computed figures that moved over the period: indices, slips, statuses, milestones.
    private var derivedTable: ReportTable {
        ReportTable(section: .changes, title: t[.reportDerivedChanges], columns: [
            .init(t[.columnId], key: "subject"), .init(t[.reportFigure], key: "figure"),
            .init(t[.reportFrom], key: "from"), .init(t[.reportTo], key: "to"),
        ], rows: derived.map { d in
            [ReportCell(d.subject), ReportCell(t.figureName(d.figure), raw: d.figure.rawValue),
             ReportCell(t.figureValue(d.figure, d.from), raw: d.from), ReportCell(t.figureValue(d.figure, d.to), raw: d.to)]
        })
    }

    /// The records behind the changes, as they were made: each correction says what it corrects.
    private var changeRecords: ReportTable {
        ReportTable(section: .changes, title: t[.reportChangeRecords], columns: [
            .init(t[.historyNumber], key: "record", alignRight: true), .init(t[.columnId], key: "subject"),
            .init(t[.kind], key: "kind"), .init(t[.historyReported], key: "value"), .init(t[.historyAsOf], key: "as_of"),
            .init(t(.recordedIn, LocalTime.zone), key: "recorded_at"), .init(t[.historyBy], key: "recorded_by"),
            .init(t[.historySource], key: "source"), .init(t[.note], key: "correction"),
        ], rows: changes.flatMap { change in
            let correctedBy = change.correctedBy
            return change.records.map { r in
                let correction = [r.supersedes.map { t(.corrects, String($0)) }, correctedBy[r.id].map { t(.supersededBy, String($0)) }]
                    .compactMap { $0?.trimmedWhitespace }.joined(separator: "; ")
                return [ReportCell(String(r.id)), ReportCell(r.subject),
                        ReportCell(t.kindName(r.kind, event: r.event), raw: r.kind.rawValue + (r.event.map { ":" + $0.rawValue } ?? "")),
                        ReportCell(t.summary(r)), ReportCell(t.day(r.asOf), raw: r.asOf.iso),
                        ReportCell(LocalTime.minute(of: r.recordedAt), raw: r.recordedAt), ReportCell(r.recordedBy),
                        ReportCell(r.source), ReportCell(correction)]
            }
        })
    }

    // MARK: - Budget

    private var budget: ReportTable {
        let rows = programme.allAllocations.map { entry -> [ReportCell] in
            let a = entry.allocation
            let share = programme.parent(ofAllocation: a.id).map { a.share(of: $0) }
            return [ReportCell(a.id),
                    ReportCell(String(repeating: "  ", count: entry.depth) + t.name(a.name, chinese: a.chinese["name"]), raw: a.name),
                    money(a.amount, source: a.sourceID),
                    share.map { ReportCell(Format.percent(ratio: $0), raw: String($0)) } ?? .empty,
                    a.children.isEmpty ? .empty : money(a.unallocated, source: a.sourceID),
                    ReportCell(a.financialYear ?? ""),
                    ReportCell(a.approvedBy.map { t.name($0, chinese: a.chinese["approved_by"]) } ?? "", raw: a.approvedBy ?? ""),
                    ReportCell(t.allocationStatus(a.status), raw: a.status.rawValue),
                    money(a.committed), money(a.spent), sourceCell(Source.distinct([a.sourceID] + a.otherSourceIDs).joined(separator: " "))]
        }
        return ReportTable(section: .budget, title: t[.reportBudget], columns: [
            .init(t[.columnId], key: "id"), .init(t[.columnAllocation], key: "allocation"),
            .init(t[.columnAmount], key: "amount_hkd", alignRight: true),
            .init(t[.columnOfParent], key: "share_of_parent", alignRight: true),
            .init(t[.unallocated], key: "unallocated_hkd", alignRight: true), .init(t[.columnYear], key: "financial_year"),
            .init(t[.columnApprovedBy], key: "approved_by"), .init(t[.columnStatus], key: "status"),
            .init(t[.committed], key: "committed_hkd", alignRight: true), .init(t[.spent], key: "spent_hkd", alignRight: true),
            .init(t[.columnSource], key: "source"),
        ], rows: rows)
    }

    // MARK: - Institutions and sources

    private var institutions: ReportTable {
        ReportTable(section: .institutions, title: t[.reportInstitutions], columns: [
            .init(t[.columnInstitution], key: "name"), .init(t[.columnKind], key: "kind"), .init(t[.fiveMajor], key: "five_major"),
            .init(t[.field], key: "field"), .init(t[.columnStatus], key: "status"),
            .init(t[.columnFunding], key: "funding_hkd", alignRight: true), .init(t[.columnSource], key: "source"),
        ], rows: programme.institutions.map { i in
            let allocation = i.allocationID.flatMap(programme.allocation)
            return [ReportCell(t.name(i.name, chinese: i.chinese["name"]), raw: i.name), ReportCell(t.kind(i.kind), raw: i.kind.rawValue),
                    ReportCell(i.isFiveMajor ? t[.yes] : "", raw: i.isFiveMajor ? "true" : "false"),
                    ReportCell(t.name(i.field, chinese: i.chinese["field"]), raw: i.field),
                    ReportCell(t.name(i.status, chinese: i.chinese["status"]), raw: i.status),
                    allocation.map { money($0.amount, source: $0.sourceID) } ?? .empty,
                    sourceCell(i.sourceIDs.joined(separator: " "))]
        })
    }

    private var sources: ReportTable {
        ReportTable(section: .sources, title: t[.sources], columns: [
            .init(t[.columnId], key: "id"), .init(t[.columnTitle], key: "title"), .init(t[.columnPublisher], key: "publisher"),
            .init(t[.columnDate], key: "date"), .init(t[.columnReference], key: "reference"),
            .init(t[.columnConfidence], key: "confidence"), .init(t[.columnURL], key: "url"),
        ], rows: programme.sources.map { s in
            [ReportCell(s.id), ReportCell(s.title), ReportCell(s.publisher),
             ReportCell(s.date.map { t.date($0) } ?? "", raw: s.date?.display ?? ""),
             ReportCell(s.reference ?? ""),
             ReportCell(t.confidence(s.confidence), raw: s.confidence.rawValue, illustrative: s.confidence == .illustrative),
             ReportCell(s.url ?? "")]
        })
    }
}
