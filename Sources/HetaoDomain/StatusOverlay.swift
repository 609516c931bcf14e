/// The recorded status laid over the dataset: the latest record of each kind, subject and
/// event replaces the dataset's figure, keeping the record's source and as-of date.
extension Programme {
    public func applying(_ latest: some Sequence<StatusRecord>) -> Programme {
        var result = self
        var buildingIndex: [String: Int] = [:]
        buildingIndex.reserveCapacity(buildings.count)
        for i in buildings.indices { buildingIndex[buildings[i].id] = i }
        var known = Set(sources.map(\.id))
        for record in latest {
            if !known.contains(record.source) {
                known.insert(record.source)
                result.sources.append(Source(id: record.source, title: record.source,
                                             publisher: "recorded by \(record.recordedBy)",
                                             date: DatedValue(day: record.asOf, sourceID: record.source), url: nil,
                                             confidence: .medium))
            }
            let stamp = ReportStamp(asOf: record.asOf, recordedBy: record.recordedBy, recordID: record.id)
            if result.newestRecord.map({ ($0.asOf, $0.recordID) < (record.asOf, record.id) }) ?? true {
                result.newestRecord = RecordedFigure(asOf: record.asOf, kind: record.kind, subject: record.subject,
                                                     event: record.event, recordID: record.id)
            }
            switch record.kind {
            case .progress:
                guard let i = buildingIndex[record.subject] else { continue }
                if let percent = record.percent { result.buildings[i].percentComplete = Sourced(percent, source: record.source) }
                result.buildings[i].reportedStatus = record.status
                result.buildings[i].progressReport = stamp
            case .leasing:
                guard let i = buildingIndex[record.subject], let share = record.shareLet else { continue }
                result.buildings[i].shareLeased = Sourced(share, source: record.source)
                result.buildings[i].leasingReport = stamp
            case .milestone:
                let forecast = record.forecast.map { DatedValue(day: $0, sourceID: record.source) }
                let actual = record.actual.map { DatedValue(day: $0, sourceID: record.source) }
                if let i = buildingIndex[record.subject], let event = record.event {
                    func update(_ plan: inout DatePlan) {
                        if let forecast { plan.forecast = forecast }
                        if let actual { plan.actual = actual }
                    }
                    switch event {
                    case .start: update(&result.buildings[i].start)
                    case .toppingOut: update(&result.buildings[i].toppingOut)
                    case .completion: update(&result.buildings[i].completion)
                    }
                } else if let m = result.milestones.firstIndex(where: { $0.id == record.subject }) {
                    if let forecast { result.milestones[m].dates.forecast = forecast }
                    if let actual { result.milestones[m].dates.actual = actual }
                }
            case .spend:
                result.allocations = result.allocations.map { $0.updating(record.subject) { a in
                    if let c = record.committed { a.committed = Sourced(c, source: record.source) }
                    if let s = record.spent { a.spent = Sourced(s, source: record.source) }
                    a.spendReport = stamp
                } }
            }
        }
        return result
    }
}

/// Which record a figure came from: what it reported, about what, as of when.
public struct RecordedFigure: Hashable, Sendable, Codable {
    public var asOf: Day
    public var kind: RecordKind
    public var subject: String
    public var event: BuildingEvent?
    public var recordID: Int64
}

/// When a figure was last reported, and by whom.
public struct ReportStamp: Hashable, Sendable, Codable {
    public var asOf: Day
    public var recordedBy: String
    public var recordID: Int64

    public init(asOf: Day, recordedBy: String, recordID: Int64) {
        self.asOf = asOf
        self.recordedBy = recordedBy
        self.recordID = recordID
    }

    /// Older than `days` on `today`.
    public func isStale(on today: Day, afterDays days: Int) -> Bool { asOf.days(until: today) > days }
}

extension Allocation {
    /// The tree with `change` applied to the allocation `id`.
    func updating(_ id: String, _ change: (inout Allocation) -> Void) -> Allocation {
        var copy = self
        if copy.id == id { change(&copy) }
        copy.children = copy.children.map { $0.updating(id, change) }
        return copy
    }
}

extension Programme {
    /// The dataset's own figure for a record's kind, subject and event, as a record: where a
    /// figure stood before anything was recorded about it. Nil when the dataset has none.
    public func datasetFigure(_ kind: RecordKind, subject: String, event: BuildingEvent?) -> StatusRecord? {
        var figure = StatusRecord(kind: kind, subject: subject, event: event, asOf: asOf, recordedBy: "dataset", source: "")
        let building = building(subject)
        switch kind {
        case .progress:
            guard let building else { return nil }
            figure.percent = building.percentComplete.value
            figure.source = building.percentComplete.sourceID
        case .leasing:
            guard let leased = building?.shareLeased else { return nil }
            figure.shareLet = leased.value
            figure.source = leased.sourceID
        case .spend:
            guard let allocation = allocation(subject), allocation.committed != nil || allocation.spent != nil else { return nil }
            figure.committed = allocation.committed?.value
            figure.spent = allocation.spent?.value
            figure.source = allocation.spent?.sourceID ?? allocation.committed?.sourceID ?? allocation.sourceID
        case .milestone:
            let dates: DatePlan?
            if let building, let event {
                switch event {
                case .start: dates = building.start
                case .toppingOut: dates = building.toppingOut
                case .completion: dates = building.completion
                }
            } else {
                dates = milestone(subject)?.dates
            }
            guard let dates, dates.forecast != nil || dates.actual != nil else { return nil }
            figure.forecast = dates.forecast?.day
            figure.actual = dates.actual?.day
            figure.source = (dates.actual ?? dates.forecast)?.sourceID ?? ""
        }
        figure.asOf = day(citing: figure.source)
        return figure
    }
}
