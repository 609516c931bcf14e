import Foundation
import GRDB
import HetaoDomain
import Testing
@testable import HetaoStore

/// The S-curve's daily sums: the same curve as the reports give, kept through every way records
/// are written, and never read when they could be wrong.
@Suite struct ProgressByDayTests {
    private let today = Day(iso: "2026-11-25")!

    private func report(_ subject: String, _ percent: Double, asOf: String, supersedes: Int64? = nil) -> StatusRecord {
        StatusRecord(kind: .progress, subject: subject, asOf: Day(iso: asOf)!, recordedBy: "tester", source: "site report",
                     supersedes: supersedes, percent: percent)
    }

    /// The programme's curve from the store as a dashboard asks for it now, and from the reports
    /// themselves; whether it came from the sums.
    private func curves(_ store: StatusStore, _ programme: Programme, group kind: ProgressGroup = .programme)
        throws -> (summed: Bool, asked: [String], reports: [String]) {
        let group = GroupProgress(programme: programme, group: kind)
        let request = programme.progressRequest(group, of: kind, weights: CurveWeights(programme: programme), knownOn: nil)
        let asked = try store.progress(request)
        let reports = ReportedProgress.reports(try store.progressPoints(of: request.subjects, asKnownOn: nil))
        func lines(_ progress: ReportedProgress) -> [String] {
            group.reported(progress, asOf: programme.asOf).map { "\($0.day.iso) \(String(format: "%.9f", $0.share))" }
        }
        if case .daily = asked { return (true, lines(asked), lines(reports)) }
        return (false, lines(asked), lines(reports))
    }

    @Test(arguments: StoreKind.available) func theSumsDrawTheCurveTheReportsDrawThroughEveryKindOfRecord(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let programme = temp.programme
        let weights = CurveWeights(programme: programme)
        let store = try temp.open()
        // A new store's sums are made from the dataset's own figures.
        var now = try curves(store, programme)
        #expect(now.summed && !now.asked.isEmpty && now.asked == now.reports)
        let first = try store.append([report("B1-A", 50, asOf: "2026-11-20")], curve: weights)[0]
        // Two reports on one day: the later one counts.
        try store.append([report("B1-B", 30, asOf: "2026-11-20"), report("B1-B", 35, asOf: "2026-11-20")], curve: weights)
        // A report dated before the building's latest changes the days after it only until then.
        try store.append([report("B1-A", 20, asOf: "2026-10-01")], curve: weights)
        // A correction on the same day, and one that moves a report to another day.
        let fix = try store.append([report("B1-A", 48, asOf: "2026-11-20", supersedes: first.id)], curve: weights)[0]
        try store.append([report("B1-A", 47, asOf: "2026-11-18", supersedes: fix.id)], curve: weights)
        // A correction that moves a report past the building's next one.
        let early = try store.append([report("B1-C", 10, asOf: "2026-09-01"), report("B1-C", 15, asOf: "2026-09-15")], curve: weights)[0]
        try store.append([report("B1-C", 12, asOf: "2026-10-01", supersedes: early.id)], curve: weights)
        now = try curves(store, programme)
        #expect(now.summed && now.asked == now.reports)
        // B1-B still reported on 20 November; B1-A's report moved to the 18th.
        #expect(now.asked.contains { $0.hasPrefix("2026-11-18 ") } && now.asked.contains { $0.hasPrefix("2026-11-20 ") })
        // A batch's curve reads its own sums.
        let batch = try curves(store, programme, group: .batch("p1-batch-1"))
        #expect(batch.summed && batch.asked == batch.reports)
        // An import and a record offered as the dashboard and `hetao record` do keep them too.
        let csv = Data("kind,subject,as_of,percent,source\nprogress,B8,2026-11-21,100,site report\nprogress,B9,2026-11-22,71,site report\n".utf8)
        _ = try store.importCSV(csv, programme: programme, today: today, dryRun: false)
        _ = try store.offer(report("B1-C", 40, asOf: "2026-11-24"), dataset: programme, today: today, acceptingWarnings: true)
        now = try curves(store, programme)
        #expect(now.summed && now.asked == now.reports)
        // A reader of the store reads them as well.
        let reader = try temp.open(readOnly: true)
        #expect(try curves(reader, programme) == now)
    }

    /// A record appended without the weights (by a hetao that could not weigh it) leaves the
    /// sums stale: the curve is read from the reports, the same figures, until the next writer
    /// with weights makes them again.
    @Test(arguments: StoreKind.available) func staleSumsAreNotReadAndTheNextWriterMakesThemAgain(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let programme = temp.programme
        let store = try temp.open()
        try store.append([report("B1-D", 60, asOf: "2026-11-21")])
        var now = try curves(store, programme)
        #expect(!now.summed && now.asked == now.reports)
        #expect(now.asked.contains { $0.hasPrefix("2026-11-21 ") })
        try store.append([report("B1-E", 10, asOf: "2026-11-22")], curve: CurveWeights(programme: programme))
        now = try curves(store, programme)
        #expect(now.summed && now.asked == now.reports)
        // Sums lost (a hand-edited store) are the same: read around, then made again.
        try temp.bypassing("DROP TABLE progress_by_day")
        #expect(try !curves(store, programme).summed)
        try store.append([report("B1-E", 12, asOf: "2026-11-23")], curve: CurveWeights(programme: programme))
        now = try curves(store, programme)
        #expect(now.summed && now.asked == now.reports)
    }

    /// A row another tool damaged counts for nothing in the curve, and the sums agree: an
    /// append before it is summed up to the next report that can be read.
    @Test(arguments: StoreKind.available) func aDamagedReportCountsForNothingInTheSumsAsInTheCurve(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open()
        let weights = CurveWeights(programme: temp.programme)
        let insert = """
            INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source, percent)
            VALUES ('progress', 'B1-E', '2026-02-30', '2026-03-01T00:00:00.000Z', 'another tool', 's', 55)
            """
        try temp.bypassing(kind == .sqlite ? "DROP TRIGGER record_is_stamped_by_the_store; " + insert
                                            : "SET hetao.restoring = 'on'; " + insert)
        try store.append([report("B1-E", 10, asOf: "2026-01-01"), report("B1-E", 30, asOf: "2026-03-10")], curve: weights)
        try store.append([report("B1-E", 20, asOf: "2026-02-01")], curve: weights)
        let now = try curves(store, temp.programme)
        #expect(now.summed && now.asked == now.reports)
        #expect(!now.asked.contains { $0.hasPrefix("2026-02-30") })
    }

    /// Sums made with other weights (another dataset, another floor area) are never read as
    /// these; neither are they for a past day, which reads what was known then.
    @Test(arguments: StoreKind.available) func otherWeightsAndPastDaysReadTheReports(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open()
        var larger = temp.programme
        let i = try #require(larger.buildings.firstIndex { $0.id == "B1-A" })
        larger.buildings[i].floorArea.value *= 2
        let other = try curves(store, larger)
        #expect(!other.summed && other.asked == other.reports)
        let past = temp.programme.progressRequest(knownOn: Day(iso: "2026-11-01")!)
        guard case .reports = try store.progress(past) else {
            Issue.record("a past day was read from the sums")
            return
        }
    }

    /// A restored store has its sums, made from the records restored.
    @Test(arguments: StoreKind.available) func aRestoredStoreHasItsSums(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.restored([
            StatusRecord(id: 1, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-06-01")!,
                         recordedAt: "2026-06-02T01:00:00.000Z", recordedBy: "tester", source: "site report", percent: 40),
            StatusRecord(id: 2, kind: .progress, subject: "B8", asOf: Day(iso: "2026-06-05")!,
                         recordedAt: "2026-06-06T01:00:00.000Z", recordedBy: "tester", source: "site report", percent: 100),
        ])
        let now = try curves(store, temp.programme)
        #expect(now.summed && now.asked == now.reports && now.asked.count == 2)
    }
}
