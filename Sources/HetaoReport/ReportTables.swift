import HetaoDomain

/// Builds the report's tables from a programme: the figures the dashboard shows, in rows.
public struct ReportTables {
    public let programme: Programme

    public init(programme: Programme) { self.programme = programme }

    public func tables(for section: ReportSection) -> [ReportTable] {
        switch section {
        case .overview: return [parks, status, figures, headlineMoney]
        case .phases: return [phases, batches, timeline]
        case .buildings: return [buildings]
        case .budget: return [budget]
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
        ReportCell(value.formatted, raw: String(value.dollars), illustrative: illustrative(source))
    }

    private func money(_ value: Sourced<HKD>?) -> ReportCell {
        value.map { money($0.value, source: $0.sourceID) } ?? .empty
    }

    private func date(_ value: DatedValue?) -> ReportCell {
        guard let value else { return .empty }
        return ReportCell(value.display, raw: value.display, illustrative: illustrative(value.sourceID))
    }

    private func area(_ value: Sourced<Double>?) -> ReportCell {
        guard let value else { return .empty }
        return ReportCell(Format.grouped(value.value) + " m²", raw: Format.plain(value.value),
                          illustrative: illustrative(value.sourceID))
    }

    private func completionCell(_ completion: Completion) -> ReportCell {
        ReportCell(Format.percent(completion.percent), raw: Format.plain(completion.percent),
                   illustrative: completion.isIllustrative)
    }

    private func sourceCell(_ id: String) -> ReportCell {
        ReportCell(id, raw: id)
    }

    private func confidenceCell(_ id: String) -> ReportCell {
        let confidence = programme.confidence(of: id)
        return ReportCell(confidence.rawValue, illustrative: confidence == .illustrative)
    }

    // MARK: - Overview

    private var parks: ReportTable {
        ReportTable(section: .overview, title: "Innovation parks", columns: [
            .init("Park", key: "park"), .init("中文", key: "name_zh"), .init("Location", key: "location"),
            .init("Role", key: "role"), .init("Source", key: "source"),
        ], rows: programme.parks.map {
            [ReportCell($0.name), ReportCell($0.nameZH), ReportCell($0.location), ReportCell($0.role), sourceCell($0.sourceID)]
        })
    }

    /// The at-a-glance status of the Hetao park: counts, completion, dates.
    private var status: ReportTable {
        let counts = programme.statusCounts()
        let total = programme.buildings.count
        var rows: [[ReportCell]] = [
            [ReportCell("Data as of"), ReportCell(programme.asOf.iso)],
            [ReportCell("Phases"), ReportCell("\(programme.phases.count) (\(programme.phases.map(\.name).joined(separator: ", ")))",
                                             raw: String(programme.phases.count))],
            [ReportCell("Buildings listed"), ReportCell(String(total))],
        ]
        for status in BuildingStatus.allCases.reversed() {
            rows.append([ReportCell("Buildings \(status.label)"), ReportCell(String(counts[status] ?? 0))])
        }
        for phase in programme.phases {
            let completion = programme.completion(ofPhase: phase.id)
            rows.append([ReportCell("\(phase.name) completion (by floor area)"),
                         completionCell(completion)])
        }
        if let opening = programme.milestones.first(where: { $0.id == "opening" })?.when {
            rows.append([ReportCell("Opened"), date(opening)])
        }
        if let next = programme.nextMilestone, let when = next.when {
            rows.append([ReportCell("Next milestone"), ReportCell("\(when.display): \(next.name)", raw: when.display,
                                                                  illustrative: illustrative(when.sourceID))])
        }
        return ReportTable(section: .overview, title: "Hetao Hong Kong Park at a glance",
                           columns: [.init("Measure", key: "measure"), .init("Value", key: "value")], rows: rows)
    }

    private var figures: ReportTable {
        ReportTable(section: .overview, title: "Headline figures", columns: [
            .init("Figure", key: "figure"), .init("Value", key: "value", alignRight: true), .init("Unit", key: "unit"),
            .init("Note", key: "note"), .init("Source", key: "source"), .init("Confidence", key: "confidence"),
        ], rows: programme.figures.map {
            [ReportCell($0.label), ReportCell(Format.grouped($0.value), raw: Format.plain($0.value), illustrative: illustrative($0.sourceID)),
             ReportCell($0.unit), ReportCell($0.note ?? ""), sourceCell($0.sourceID), confidenceCell($0.sourceID)]
        })
    }

    /// Top-level allocations and their first level of sub-allocations: where the money is.
    private var headlineMoney: ReportTable {
        let rows = programme.allAllocations.filter { $0.depth <= 1 }.map { entry -> [ReportCell] in
            let a = entry.allocation
            return [ReportCell(String(repeating: "  ", count: entry.depth) + a.name, raw: a.name),
                    money(a.amount, source: a.sourceID), ReportCell(a.status.rawValue), ReportCell(a.financialYear ?? ""),
                    sourceCell(a.sourceID)]
        }
        return ReportTable(section: .overview, title: "Headline money", columns: [
            .init("Allocation", key: "allocation"), .init("Amount", key: "amount_hkd", alignRight: true),
            .init("Status", key: "status"), .init("Year", key: "financial_year"), .init("Source", key: "source"),
        ], rows: rows)
    }

    // MARK: - Phases

    private var phases: ReportTable {
        ReportTable(section: .phases, title: "Phases (west to east)", columns: [
            .init("Phase", key: "phase"), .init("Floor area", key: "floor_area_m2", alignRight: true),
            .init("Complete", key: "completion_percent", alignRight: true), .init("Target", key: "target"),
            .init("Batches", key: "batches", alignRight: true), .init("Buildings", key: "buildings", alignRight: true),
            .init("Summary", key: "summary"),
        ], rows: programme.phases.map { phase in
            let completion = programme.completion(ofPhase: phase.id)
            let batches = programme.batches(in: phase.id)
            let buildings = batches.reduce(0) { $0 + programme.buildings(in: $1.id).count }
            return [ReportCell(phase.name), area(phase.floorArea),
                    completionCell(completion),
                    date(phase.target), ReportCell(String(batches.count)), ReportCell(String(buildings)), ReportCell(phase.summary)]
        })
    }

    private var batches: ReportTable {
        ReportTable(section: .phases, title: "Batches", columns: [
            .init("Batch", key: "batch"), .init("Phase", key: "phase"), .init("Delivery", key: "delivery"),
            .init("Sites", key: "sites", alignRight: true), .init("Floor area", key: "floor_area_m2", alignRight: true),
            .init("Buildings", key: "buildings", alignRight: true), .init("Complete", key: "completion_percent", alignRight: true),
        ], rows: programme.batches.map { batch in
            let completion = programme.completion(ofBatch: batch.id)
            let counts = programme.statusCounts(of: programme.buildings(in: batch.id))
            let listed = programme.buildings(in: batch.id).count
            let done = counts[.completed] ?? 0
            return [ReportCell(batch.name), ReportCell(programme.phase(batch.phaseID)?.name ?? batch.phaseID),
                    ReportCell(batch.delivery), ReportCell(batch.sites.map(String.init) ?? ""), area(batch.floorArea),
                    ReportCell(listed == 0 ? "none listed" : "\(done) of \(listed) complete", raw: String(listed)),
                    completionCell(completion)]
        })
    }

    private var timeline: ReportTable {
        ReportTable(section: .phases, title: "Timeline", columns: [
            .init("When", key: "date"), .init("Milestone", key: "milestone"), .init("State", key: "state"),
            .init("Baseline", key: "baseline"), .init("Variance", key: "variance_days", alignRight: true),
            .init("Source", key: "source"),
        ], rows: programme.timeline.map { m in
            let state = m.isAchieved ? "achieved" : m.isOverdue(on: programme.asOf) ? "overdue" : "expected"
            return [date(m.when), ReportCell(m.name), ReportCell(state), date(m.dates.baseline),
                    m.varianceDays.map { ReportCell(Format.days($0), raw: String($0)) } ?? .empty, sourceCell(m.sourceID)]
        })
    }

    // MARK: - Buildings

    private var buildings: ReportTable {
        ReportTable(section: .buildings, title: "Buildings", columns: [
            .init("No.", key: "label"), .init("Building", key: "name_en"), .init("中文", key: "name_zh"),
            .init("Use", key: "use"), .init("Storeys", key: "storeys", alignRight: true), .init("Status", key: "status"),
            .init("Progress", key: "percent_complete", alignRight: true), .init("Baseline", key: "completion_baseline"),
            .init("Forecast/actual", key: "completion_expected"), .init("Slip", key: "slip_days", alignRight: true),
            .init("Leased", key: "share_leased", alignRight: true), .init("Reported", key: "progress_as_of"),
            .init("Sources", key: "sources"),
        ], rows: programme.buildings.map { b in
            let slipIllustrative = [b.completion.baseline, b.completion.expected].contains { $0.map { illustrative($0.sourceID) } ?? false }
            return [ReportCell(b.isPlaceholder ? "\(b.label) (placeholder)" : b.label, raw: b.label),
                    ReportCell(b.nameEN), ReportCell(b.nameZH), ReportCell(b.use.value.label, raw: b.use.value.rawValue, illustrative: illustrative(b.use.sourceID)),
                    b.storeys.map { ReportCell(String($0.value), illustrative: illustrative($0.sourceID)) } ?? .empty,
                    ReportCell(b.status(on: programme.asOf).label, raw: b.status(on: programme.asOf).rawValue),
                    percent(b.percentComplete), date(b.completion.baseline), date(b.completion.expected),
                    b.slipDays.map { ReportCell(Format.days($0), raw: String($0), illustrative: slipIllustrative) } ?? .empty,
                    percent(b.shareLeased), ReportCell(b.progressReport?.asOf.iso ?? ""),
                    ReportCell(b.sourceIDs.joined(separator: " "))]
        })
    }

    // MARK: - Budget

    private var budget: ReportTable {
        let rows = programme.allAllocations.map { entry -> [ReportCell] in
            let a = entry.allocation
            let share = programme.parent(ofAllocation: a.id).map { a.share(of: $0) }
            return [ReportCell(a.id), ReportCell(String(repeating: "  ", count: entry.depth) + a.name, raw: a.name),
                    money(a.amount, source: a.sourceID),
                    share.map { ReportCell(Format.percent(ratio: $0), raw: String($0)) } ?? .empty,
                    a.children.isEmpty ? .empty : money(a.unallocated, source: a.sourceID),
                    ReportCell(a.financialYear ?? ""), ReportCell(a.approvedBy ?? ""), ReportCell(a.status.rawValue),
                    money(a.committed), money(a.spent), sourceCell(a.sourceID)]
        }
        return ReportTable(section: .budget, title: "Budget allocations", columns: [
            .init("Id", key: "id"), .init("Allocation", key: "allocation"), .init("Amount", key: "amount_hkd", alignRight: true),
            .init("Of parent", key: "share_of_parent", alignRight: true),
            .init("Unallocated", key: "unallocated_hkd", alignRight: true), .init("Year", key: "financial_year"),
            .init("Approved by", key: "approved_by"), .init("Status", key: "status"),
            .init("Committed", key: "committed_hkd", alignRight: true), .init("Spent", key: "spent_hkd", alignRight: true),
            .init("Source", key: "source"),
        ], rows: rows)
    }

    // MARK: - Institutions and sources

    private var institutions: ReportTable {
        ReportTable(section: .institutions, title: "R&D institutions and programmes", columns: [
            .init("Institution", key: "name"), .init("Kind", key: "kind"), .init("Five major", key: "five_major"),
            .init("Field", key: "field"), .init("Status", key: "status"), .init("Funding", key: "funding_hkd", alignRight: true),
            .init("Source", key: "source"),
        ], rows: programme.institutions.map { i in
            let allocation = i.allocationID.flatMap(programme.allocation)
            return [ReportCell(i.name), ReportCell(i.kind.label, raw: i.kind.rawValue),
                    ReportCell(i.isFiveMajor ? "yes" : "", raw: i.isFiveMajor ? "true" : "false"), ReportCell(i.field),
                    ReportCell(i.status), allocation.map { money($0.amount, source: $0.sourceID) } ?? .empty,
                    sourceCell(i.sourceID)]
        })
    }

    private var sources: ReportTable {
        ReportTable(section: .sources, title: "Sources", columns: [
            .init("Id", key: "id"), .init("Title", key: "title"), .init("Publisher", key: "publisher"),
            .init("Date", key: "date"), .init("Reference", key: "reference"), .init("Confidence", key: "confidence"),
            .init("URL", key: "url"),
        ], rows: programme.sources.map { s in
            [ReportCell(s.id), ReportCell(s.title), ReportCell(s.publisher), ReportCell(s.date?.display ?? ""),
             ReportCell(s.reference ?? ""), ReportCell(s.confidence.rawValue, illustrative: s.confidence == .illustrative),
             ReportCell(s.url ?? "")]
        })
    }
}
