/// The dataset as the public record stood on a day. A dataset figure is known from the day its
/// source was published (the end of the source's dated period: a source of "2025-09" counts
/// from 30 Sep 2025); a record in the store, from when it was recorded. Values of our own making
/// (illustrative ones, and our readings of the sources, confidence low) are not claims of the
/// public record: they are shown at every date, marked as they always are, but for illustrative
/// status (progress, spend), which stands for the dataset's own day; so is what a page without
/// a date says (its source has the day it was read, not published).
extension Programme {
    /// The programme with every dated fact its sources had not yet published by the end of
    /// `day` taken out: dates, progress, leasing and spend return to what was known, texts a
    /// later source changed to what they said before it; figures, allocations, milestones and
    /// institutions not yet published are left out.
    public func asPublished(on day: Day) -> Programme {
        let known = publication
        func isKnown(_ sourceID: String) -> Bool { known[sourceID].map { $0 <= day } ?? true }
        // Illustrative status (progress, spend) stands for the dataset's day, not every day:
        // before it, the plan's share stands in, as for a figure not yet published.
        func isKnownStatus(_ sourceID: String) -> Bool { isKnown(sourceID) && (day >= asOf || !isIllustrative(sourceID)) }
        func plan(_ plan: DatePlan) -> DatePlan {
            DatePlan(baseline: plan.baseline.flatMap { isKnown($0.sourceID) ? $0 : nil },
                     forecast: plan.forecast.flatMap { isKnown($0.sourceID) ? $0 : nil },
                     actual: plan.actual.flatMap { isKnown($0.sourceID) ? $0 : nil })
        }
        func published(_ allocation: Allocation) -> Allocation? {
            guard isKnown(allocation.sourceID) else { return nil }
            var result = allocation
            if let committed = result.committed, !isKnownStatus(committed.sourceID) { result.committed = nil }
            if let spent = result.spent, !isKnownStatus(spent.sourceID) { result.spent = nil }
            result.children = result.children.compactMap(published)
            return result
        }
        var result = self
        // The dataset then read as of its newest source published by that day.
        result.asOf = min(asOf, known.values.filter { $0 <= day }.max() ?? day)
        result.figures = figures.filter { isKnown($0.sourceID) }
        let starts = batchStarts()
        result.buildings = buildings.map { building in
            var b = building
            b.start = plan(b.start)
            b.toppingOut = plan(b.toppingOut)
            b.completion = plan(b.completion)
            if !isKnownStatus(b.percentComplete.sourceID) {
                // No percentage was published yet: the plan's share by then stands in, marked
                // illustrative, and short of 100 until the completion is known.
                let planned = plannedWindow(of: building, batchStarts: starts).map { ($0.fraction(on: day) * 100).rounded() } ?? 0
                let percent = b.completion.actual != nil ? 100 : min(99, planned)
                b.percentComplete = Sourced(percent, source: Self.illustrativeSourceID)
            }
            if let share = b.shareLeased, !isKnownStatus(share.sourceID) { b.shareLeased = nil }
            return b
        }
        if !sources.contains(where: { $0.id == Self.illustrativeSourceID }) {
            result.sources.append(Source(id: Self.illustrativeSourceID, title: "Illustrative value: not published",
                                         publisher: "dataset editors", date: nil, url: nil, confidence: .illustrative))
        }
        // A milestone is known while any of its dates is.
        result.milestones = milestones.compactMap { milestone in
            var m = milestone
            m.dates = plan(m.dates)
            return m.dates.baseline == nil && m.dates.forecast == nil && m.dates.actual == nil ? nil : m
        }
        result.allocations = allocations.compactMap(published)
        // A text a later source changed reads as it did before that source.
        result.phases = phases.map { phase in
            var p = phase
            if let source = p.summarySourceID, let earlier = p.earlierSummary, !isKnown(source) {
                p.summary = earlier
                p.chinese.fields["summary"] = p.chinese["earlier_summary"]
                p.summarySourceID = nil
            }
            return p
        }
        result.institutions = institutions.compactMap { institution in
            guard isKnown(institution.sourceID) else { return nil }
            var i = institution
            if let source = i.statusSourceID, let earlier = i.earlierStatus, !isKnown(source) {
                i.status = earlier
                i.chinese.fields["status"] = i.chinese["earlier_status"]
                i.statusSourceID = nil
            }
            if let established = i.established, !isKnown(established.sourceID) { i.established = nil }
            return i
        }
        return result
    }

    /// The source of values the dataset's editors supply where nothing is published.
    public static let illustrativeSourceID = "illustrative"

    /// The days the dataset's public record changed, oldest first: the steps of time travel
    /// through what was published.
    public var publicationDays: [Day] { Set(publication.values).sorted() }

    /// The day a dataset figure citing `sourceID` stands as of: its source's publication day;
    /// for the editors' own values and pages without a date, the dataset's day.
    public func day(citing sourceID: String) -> Day { publication[sourceID].map { min($0, asOf) } ?? asOf }

    /// When each source became known; sources of our own making are absent (always known).
    private var publication: [String: Day] {
        var days: [String: Day] = [:]
        for source in sources where source.confidence != .illustrative && source.confidence != .low && !source.isReadDate {
            if let date = source.date { days[source.id] = date.lastDay }
        }
        return days
    }
}
