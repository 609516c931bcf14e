import Foundation
import HetaoDomain
import HetaoText

/// The JSON report: a stable, documented shape for scripts (see docs/report-json.md).
/// Every sourced figure is an object with its value, source id and confidence; money is in
/// whole HK dollars; dates are ISO 8601 with the precision they were published at.
struct ReportJSON: Encodable {
    static let schema = "hetao-report/3"

    struct Figure<V: Encodable>: Encodable {
        var value: V
        var source: String
        var confidence: Confidence
    }

    struct DateFigure: Encodable {
        var date: String
        var precision: DatePrecision
        var source: String
        var confidence: Confidence
    }

    struct ScheduleRow: Encodable {
        var id: String
        var planStart: String?
        var planFinish: String?
        var planShape: String?
        var plannedPercent: Double?
        var percentComplete: Double
        var varianceDays: Int?
        var behindPlanPoints: Double?
        var illustrative: Bool
    }

    struct EarnedValueRow: Encodable {
        var id: String
        var bacHkd, pvHkd, evHkd, svHkd: Int64
        var acHkd, cvHkd, eacHkd, eacAtBudgetRateHkd, etcHkd, vacHkd: Int64?
        var spi, cpi: Double?
        var illustrative: Bool
    }

    /// One figure's net change over the period, with the records behind it.
    struct Change: Encodable {
        var subject, kind: String
        var event: String?
        var from: String?
        var to: String?
        var asOf: String?
        var records: [ChangeRecord]
    }

    struct DerivedChangeRow: Encodable {
        var subject, figure, from, to: String
    }

    struct ChangeRecord: Encodable {
        var record: Int64
        var value: String
        var asOf, recordedAt, recordedBy, source: String
        var corrects, correctedBy: Int64?
    }

    struct Completion: Encodable {
        var percent: Double
        var completedAreaM2: Double
        var scopeAreaM2: Double
        var illustrative: Bool
    }

    struct Park: Encodable {
        var id, name, nameZh, location, role, source: String
        var nameZhFull: String?
    }

    struct HeadlineFigure: Encodable {
        var id, label, unit: String
        var value: Double
        var note: String?
        var source: String
        var confidence: Confidence
    }

    struct Overview: Encodable {
        var parks: [Park]
        var figures: [HeadlineFigure]
        var buildingsByStatus: [String: Int]
        var nextMilestone: String?
    }

    struct Batch: Encodable {
        var id, name, delivery: String
        var sites: Int?
        var floorAreaM2: Figure<Double>?
        var completion: Completion
        var buildings: [String]
    }

    struct Phase: Encodable {
        var id, name, summary: String
        var order: Int
        var floorAreaM2: Figure<Double>?
        var target: DateFigure?
        var completion: Completion
        var batches: [Batch]
    }

    struct Dates: Encodable { var baseline, forecast, actual: DateFigure? }

    struct Milestone: Encodable {
        var id, name, state: String
        var phase: String?
        var dates: Dates
        var varianceDays: Int?
        var note: String?
        var source: String
    }

    struct Report: Encodable {
        var asOf: String
        var recordedBy: String
        var record: Int64
    }

    struct Building: Encodable {
        var id, label, batch, nameEn, nameZh: String
        var use: Figure<String>
        var status: String
        var placeholder: Bool
        var storeys: Figure<Int>?
        var floorAreaM2: Figure<Double>
        var start, toppingOut, completion: Dates
        var percentComplete: Figure<Double>
        var shareLeased: Figure<Double>?
        var slipDays: Int?
        /// Percentage points behind plan on `day`; absent without a plan.
        var behindPlanPoints: Double?
        var progressReported: Report?
        var leasingReported: Report?
        var note: String?
        var sources: [String]
    }

    struct Allocation: Encodable {
        var id, name, status, source: String
        var amountHkd: Int64
        var financialYear, approvedBy, note: String?
        var shareOfParent: Double?
        var unallocatedHkd: Int64?
        var committedHkd: Figure<Int64>?
        var spentHkd: Figure<Int64>?
        var confidence: Confidence
        /// Other sources consulted; the note says how.
        var also: [String]
        var children: [Allocation]
    }

    struct Institution: Encodable {
        var id, name, kind, field, status, source: String
        var statusSource: String?
        var also: [String]
        var fiveMajor: Bool
        var established: DateFigure?
        var location, allocation, note: String?
        var fundingHkd: Int64?
    }

    struct Source: Encodable {
        var id, title, publisher: String
        var date, reference, url: String?
        var confidence: Confidence
    }

    var schema = ReportJSON.schema
    var title: String
    /// The newest as-of date among the figures reported: the dataset's or a record's.
    var asOf: String
    /// The dataset's own as-of date.
    var datasetAsOf: String
    /// The record whose as-of date `asOf` is, when it is a record's.
    var asOfRecord: Int64?
    /// The past day the report shows the store as it was known on (`--as-known-on`).
    var knownOn: String?
    var overview: Overview?
    var phases: [Phase]?
    var milestones: [Milestone]?
    var buildings: [Building]?
    var budget: [Allocation]?
    /// Planned against done for each building, on `day`.
    var schedule: [ScheduleRow]?
    var evm: [EarnedValueRow]?
    var changes: [Change]?
    /// The computed figures that moved over the period.
    var derivedChanges: [DerivedChangeRow]?
    var since: String?
    var until: String?
    var day: String?
    var institutions: [Institution]?
    var sources: [Source]?

    init(programme p: Programme, sections: [ReportSection], reckoning: Reckoning, changes recorded: [NetChange] = [],
         derived: [DerivedChange] = []) {
        let rows = Rows(p: p, reckoned: reckoning.day)
        title = p.title
        asOf = p.dataAsOf.iso
        datasetAsOf = p.asOf.iso
        asOfRecord = p.newestRecord.flatMap { $0.asOf > p.asOf ? $0.recordID : nil }
        day = reckoning.day.iso
        let wanted = Set(sections)
        if wanted.contains(.overview) { overview = rows.overview() }
        if wanted.contains(.phases) { (phases, milestones) = (rows.phases(), rows.milestones()) }
        if wanted.contains(.buildings) { buildings = rows.buildings() }
        if wanted.contains(.budget) { budget = p.allocations.map { rows.allocation($0, parent: nil) } }
        if wanted.contains(.schedule) { schedule = rows.schedule() }
        if wanted.contains(.changes) {
            changes = rows.changes(recorded)
            derivedChanges = derived.map { DerivedChangeRow(subject: $0.subject, figure: $0.figure.rawValue, from: $0.from, to: $0.to) }
        }
        if wanted.contains(.evm) { evm = rows.evm() }
        if wanted.contains(.institutions) { institutions = rows.institutions() }
        if wanted.contains(.sources) { sources = rows.sources() }
    }


    /// Each section's rows, from one programme on the day reckoned.
    private struct Rows {
        let p: Programme
        let reckoned: Day

        func figure<V>(_ s: Sourced<V>?) -> Figure<V>? {
            s.map { Figure(value: $0.value, source: $0.sourceID, confidence: p.confidence(of: $0.sourceID)) }
        }
        func dated(_ d: DatedValue?) -> DateFigure? {
            d.map { DateFigure(date: $0.display, precision: $0.precision, source: $0.sourceID,
                               confidence: p.confidence(of: $0.sourceID)) }
        }
        func dates(_ plan: DatePlan) -> Dates {
            Dates(baseline: dated(plan.baseline), forecast: dated(plan.forecast), actual: dated(plan.actual))
        }
        func report(_ stamp: ReportStamp?) -> Report? {
            stamp.map { Report(asOf: $0.asOf.iso, recordedBy: $0.recordedBy, record: $0.recordID) }
        }
        func completion(_ c: HetaoDomain.Completion) -> Completion {
            Completion(percent: c.percent, completedAreaM2: c.completedArea, scopeAreaM2: c.scopeArea,
                       illustrative: c.isIllustrative)
        }
        /// An allocation with its children, each with its share of the parent.
        func allocation(_ a: HetaoDomain.Allocation, parent: HetaoDomain.Allocation?) -> Allocation {
            Allocation(id: a.id, name: a.name, status: a.status.rawValue, source: a.sourceID, amountHkd: a.amount.dollars,
                       financialYear: a.financialYear, approvedBy: a.approvedBy, note: a.note,
                       shareOfParent: parent.map { a.share(of: $0) },
                       unallocatedHkd: a.children.isEmpty ? nil : a.unallocated.dollars,
                       committedHkd: figure(a.committed.map { Sourced($0.value.dollars, source: $0.sourceID) }),
                       spentHkd: figure(a.spent.map { Sourced($0.value.dollars, source: $0.sourceID) }),
                       confidence: p.confidence(of: a.sourceID), also: a.otherSourceIDs,
                       children: a.children.map { allocation($0, parent: a) })
        }

        func overview() -> Overview {
            Overview(
                parks: p.parks.map { Park(id: $0.id, name: $0.name, nameZh: $0.nameZH, location: $0.location, role: $0.role,
                                          source: $0.sourceID, nameZhFull: $0.fullNameZH) },
                figures: p.figures.map { HeadlineFigure(id: $0.id, label: $0.label, unit: $0.unit, value: $0.value, note: $0.note,
                                                        source: $0.sourceID, confidence: p.confidence(of: $0.sourceID)) },
                buildingsByStatus: Dictionary(uniqueKeysWithValues: p.statusCounts(on: reckoned).map { ($0.key.rawValue, $0.value) }),
                nextMilestone: p.nextMilestone(on: reckoned)?.id)
        }

        func phases() -> [Phase] {
            p.phases.map { phase in
                Phase(id: phase.id, name: phase.name, summary: phase.summary, order: phase.order,
                      floorAreaM2: figure(phase.floorArea), target: dated(phase.target),
                      completion: completion(p.completion(ofPhase: phase.id)),
                      batches: p.batches(in: phase.id).map { b in
                          Batch(id: b.id, name: b.name, delivery: b.delivery, sites: b.sites, floorAreaM2: figure(b.floorArea),
                                completion: completion(p.completion(ofBatch: b.id)), buildings: p.buildings(in: b.id).map(\.id))
                      })
            }
        }

        func milestones() -> [Milestone] {
            p.timeline.map { m in
                Milestone(id: m.id, name: m.name,
                          state: m.state(on: reckoned).rawValue,
                          phase: m.phaseID, dates: dates(m.dates), varianceDays: m.varianceDays, note: m.note, source: m.sourceID)
            }
        }

        func buildings() -> [Building] {
            let starts = p.batchStarts()
            return p.buildings.map { b in
                Building(id: b.id, label: b.label, batch: b.batchID, nameEn: b.nameEN, nameZh: b.nameZH,
                         use: figure(Sourced(b.use.value.rawValue, source: b.use.sourceID))!,
                         status: b.status(on: reckoned).rawValue, placeholder: b.isPlaceholder, storeys: figure(b.storeys),
                         floorAreaM2: figure(b.floorArea)!, start: dates(b.start), toppingOut: dates(b.toppingOut),
                         completion: dates(b.completion), percentComplete: figure(b.percentComplete)!,
                         shareLeased: figure(b.shareLeased), slipDays: b.slipDays,
                         behindPlanPoints: p.behindPlan(of: b, on: reckoned, batchStarts: starts)?.points,
                         progressReported: report(b.progressReport), leasingReported: report(b.leasingReport), note: b.note,
                         sources: b.sourceIDs)
            }
        }

        func schedule() -> [ScheduleRow] {
            let starts = p.batchStarts()
            return p.buildings.map { b in
                let window = p.plannedWindow(of: b)
                let illustrative = window?.isIllustrative == true || p.isIllustrative(b.percentComplete.sourceID)
                    || p.isSlipIllustrative(b)
                return ScheduleRow(id: b.id, planStart: window?.start.iso, planFinish: window?.finish.iso,
                                   planShape: window?.shape.rawValue,
                                   plannedPercent: window.map { ($0.fraction(on: reckoned) * 1000).rounded() / 10 },
                                   percentComplete: b.percentComplete.value, varianceDays: b.slipDays,
                                   behindPlanPoints: p.behindPlan(of: b, on: reckoned, batchStarts: starts)?.points,
                                   illustrative: illustrative)
            }
        }

        func changes(_ recorded: [NetChange]) -> [Change] {
            recorded.map { c in
                let correctedBy = c.correctedBy
                return Change(subject: c.subject, kind: c.latest.kind.rawValue, event: c.latest.event?.rawValue,
                              from: c.before.map { Texts.english.summary($0) }, to: c.after.map { Texts.english.summary($0) },
                              asOf: c.after?.asOf.iso,
                              records: c.records.map { r in
                                  ChangeRecord(record: r.id, value: Texts.english.summary(r), asOf: r.asOf.iso,
                                               recordedAt: r.recordedAt, recordedBy: r.recordedBy, source: r.source,
                                               corrects: r.supersedes, correctedBy: correctedBy[r.id])
                              })
            }
        }

        func evm() -> [EarnedValueRow] {
            func dollars(_ value: Double?) -> Int64? { value.map { Int64($0.rounded()) } }
            return p.allAllocations.compactMap { entry in
                guard let ev = p.earnedValue(of: entry.allocation, on: reckoned) else { return nil }
                return EarnedValueRow(id: entry.allocation.id, bacHkd: dollars(ev.budgetAtCompletion)!, pvHkd: dollars(ev.plannedValue)!,
                                      evHkd: dollars(ev.earnedValue)!, svHkd: dollars(ev.scheduleVariance)!,
                                      acHkd: dollars(ev.actualCost), cvHkd: dollars(ev.costVariance),
                                      eacHkd: dollars(ev.estimateAtCompletion),
                                      eacAtBudgetRateHkd: dollars(ev.estimateAtCompletionAtBudgetRate),
                                      etcHkd: dollars(ev.estimateToComplete), vacHkd: dollars(ev.varianceAtCompletion),
                                      spi: ev.schedulePerformance, cpi: ev.costPerformance, illustrative: ev.isIllustrative)
            }
        }

        func institutions() -> [Institution] {
            p.institutions.map { i in
                Institution(id: i.id, name: i.name, kind: i.kind.rawValue, field: i.field, status: i.status, source: i.sourceID,
                            statusSource: i.statusSourceID, also: i.otherSourceIDs, fiveMajor: i.isFiveMajor,
                            established: dated(i.established), location: i.location, allocation: i.allocationID, note: i.note,
                            fundingHkd: i.allocationID.flatMap(p.allocation)?.amount.dollars)
            }
        }

        func sources() -> [Source] {
            p.sources.map { Source(id: $0.id, title: $0.title, publisher: $0.publisher, date: $0.date?.display,
                                   reference: $0.reference, url: $0.url, confidence: $0.confidence) }
        }
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Encoding plain value types cannot fail; an empty object is the only fallback.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return JSONText.escapingInvisible(String(decoding: data, as: UTF8.self)) + "\n"
    }
}
