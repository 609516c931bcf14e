import Foundation
import GRDB
import HetaoDomain
import Testing
@testable import HetaoStore

/// The store as it stood at the end of a past day.
@Suite struct KnownOnTests {
    /// The UTC stamp of a local time, as a record made then carries it.
    private func stamp(_ iso: String, _ hour: Int32, _ minute: Int32) -> String {
        let day = Day(iso: iso)!
        var parts = tm()
        parts.tm_year = Int32(day.year - 1900)
        parts.tm_mon = Int32(day.month - 1)
        parts.tm_mday = Int32(day.day)
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_isdst = -1
        return StatusStore.timestamp(Date(timeIntervalSince1970: TimeInterval(mktime(&parts))))
    }

    /// Record `id`, made at `recordedAt`: histories in the past are restored, as only a restore
    /// sets a record's stamps.
    private func record(_ id: Int64, _ percent: Double, asOf: String, at recordedAt: String, supersedes: Int64? = nil,
                        subject: String = "B1-A") -> StatusRecord {
        StatusRecord(id: id, kind: .progress, subject: subject, asOf: Day(iso: asOf)!, recordedAt: recordedAt,
                     recordedBy: "tester", source: "site report", supersedes: supersedes, percent: percent)
    }

    @Test(arguments: StoreKind.available) func aPastDayShowsWhatWasKnownThenWithoutLaterCorrections(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.restored([
            record(1, 40, asOf: "2026-06-01", at: stamp("2026-06-10", 10, 0)),
            // Made at 23:59 on 30 June: it counts on that day.
            record(2, 45, asOf: "2026-06-20", at: stamp("2026-06-30", 23, 59)),
            record(3, 44, asOf: "2026-06-20", at: stamp("2026-07-02", 9, 0), supersedes: 2),
            record(4, 50, asOf: "2026-07-10", at: stamp("2026-07-15", 8, 30)),
        ])
        func known(_ iso: String) throws -> Double? { try store.latest(asKnownOn: Day(iso: iso)!).first?.percent }
        #expect(try store.latest(asKnownOn: Day(iso: "2026-06-09")!).isEmpty)
        #expect(try known("2026-06-29") == 40)
        #expect(try known("2026-06-30") == 45)   // the correction made on 2 July does not apply yet
        #expect(try known("2026-07-02") == 44)
        #expect(try known("2026-07-20") == 50)
        #expect(try store.latest(asKnownOn: Day(iso: "2026-06-29")!).map(\.id) == [1])
        // From the latest table (a writer's store) and from the records alone (a reader's), alike.
        for iso in ["2026-06-09", "2026-06-29", "2026-06-30", "2026-07-02", "2026-07-20"] {
            store.derivesLatest = false
            let fromLatest = try store.latest(asKnownOn: Day(iso: iso)!).map(\.id)
            store.derivesLatest = true
            #expect(try store.latest(asKnownOn: Day(iso: iso)!).map(\.id) == fromLatest, "\(iso)")
        }
        store.derivesLatest = false
        // Stepping from one shown day to another reads only what was recorded in between, and
        // gives what reading that day afresh gives, back and forth.
        var shown = (day: Day(iso: "2026-07-20")!, records: [String: StatusRecord]())
        for record in try store.latest(asKnownOn: shown.day) { shown.records[record.slot] = record }
        for iso in ["2026-07-02", "2026-06-30", "2026-06-09", "2026-06-30", "2026-07-20", "2026-06-29"] {
            let day = Day(iso: iso)!
            try store.latest(asKnownOn: day, from: shown.day, updating: &shown.records)
            shown.day = day
            #expect(shown.records.values.map(\.id).sorted() == (try store.latest(asKnownOn: day)).map(\.id).sorted(), "\(iso)")
        }
        // The days anything was recorded, stepped through both ways.
        #expect(try store.recordingDay(before: Day(iso: "2026-07-15")!) == Day(iso: "2026-07-02"))
        #expect(try store.recordingDay(before: Day(iso: "2026-07-02")!) == Day(iso: "2026-06-30"))
        #expect(try store.recordingDay(before: Day(iso: "2026-06-10")!) == nil)
        #expect(try store.recordingDay(after: Day(iso: "2026-06-30")!) == Day(iso: "2026-07-02"))
        #expect(try store.recordingDay(after: Day(iso: "2026-07-15")!) == nil)
    }

    /// What an S-curve and a detail's history read for a past day: reports made later are not
    /// there, and a correction replaces what it corrects only from the day it was made.
    @Test(arguments: StoreKind.available) func curvesAndHistoriesReadTheReportsKnownOnTheDayShown(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.restored([
            record(1, 40, asOf: "2026-06-01", at: stamp("2026-06-10", 10, 0)),
            record(2, 55, asOf: "2026-06-20", at: stamp("2026-06-30", 23, 59)),
            record(3, 50, asOf: "2026-06-20", at: stamp("2026-07-02", 9, 0), supersedes: 2),
            record(4, 100, asOf: "2026-06-05", at: stamp("2026-06-06", 9, 0), subject: "B8"),
        ])
        func curve(_ subjects: [String]?, _ iso: String?) throws -> [String] {
            try store.progressPoints(of: subjects, asKnownOn: iso.flatMap(Day.init(iso:)))
                .map { "\($0.subject) \($0.asOf.iso) \(Int($0.percent))" }
        }
        #expect(try curve(["B1-A"], nil) == ["B1-A 2026-06-01 40", "B1-A 2026-06-20 50"])
        #expect(try curve(["B1-A"], "2026-06-30") == ["B1-A 2026-06-01 40", "B1-A 2026-06-20 55"])
        #expect(try curve(["B1-A"], "2026-06-09") == [])
        // Every building, oldest first, when no subjects are named.
        #expect(try curve(nil, "2026-06-10") == ["B1-A 2026-06-01 40", "B8 2026-06-05 100"])
        // Now, in the order of the days reported, not of the records made (B8's came last).
        #expect(try curve(nil, nil) == ["B1-A 2026-06-01 40", "B8 2026-06-05 100", "B1-A 2026-06-20 50"])
        #expect(try store.history(of: "B1-A", asKnownOn: Day(iso: "2026-06-30")!).map(\.percent) == [40, 55])
        #expect(try store.history(of: "B1-A", asKnownOn: nil).count == 3)
    }

    /// A curve over a million reports reads the narrow progress index, not every row of the
    /// table, now or as known on a past day; a group's few buildings are found by subject.
    @Test func aCurveReadsTheProgressIndexNotTheTable() throws {
        let temp = TemporaryStore()
        _ = try temp.open()
        let db = try DatabaseQueue(path: temp.path)
        for known in [false, true] {
            for subjects in [false, true] {
                let plan = try db.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + StoreSchema.progressReports(known: known, subjects: subjects),
                                     arguments: StatementArguments(["known": "2026-07-01", "subjects": "[\"B8\"]"]))
                        .map { $0["detail"] as String? ?? "" }
                }
                if subjects {
                    #expect(plan.contains { $0.contains("USING INDEX record_by_slot") }, "\(known): \(plan)")
                } else {
                    #expect(plan.contains { $0.contains("COVERING INDEX record_progress") }, "\(known): \(plan)")
                }
            }
        }
    }

    /// The index is not part of the schema's version: a store without it (an earlier hetao's)
    /// gets it from the next writer, and a reader neither needs it nor complains.
    @Test func aWriterAddsTheProgressIndexAReaderDoesWithout() throws {
        let temp = TemporaryStore()
        let points = try temp.open().progressPoints(of: nil, asKnownOn: nil)
        #expect(!points.isEmpty)
        func hasIndex() throws -> Bool {
            try DatabaseQueue(path: temp.path).read {
                try String.fetchOne($0, sql: "SELECT name FROM sqlite_master WHERE name = 'record_progress'") != nil
            }
        }
        #expect(try hasIndex())
        try DatabaseQueue(path: temp.path).write { try $0.execute(sql: "DROP INDEX record_progress") }
        let reader = try temp.open(readOnly: true)
        #expect(reader.notices.isEmpty)
        #expect(try !hasIndex())
        #expect(try reader.progressPoints(of: nil, asKnownOn: nil) == points)
        _ = try temp.open()
        #expect(try hasIndex())
    }

    /// The repro: three values and a correction in a week are one line, from what was known
    /// when the week began to what is known at its end.
    @Test(arguments: StoreKind.available) func changesOverAPeriodAreNetAFigureALine(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.restored([
            record(1, 40, asOf: "2026-06-01", at: stamp("2026-06-10", 10, 0)),
            record(2, 45, asOf: "2026-07-01", at: stamp("2026-07-01", 9, 0)),
            record(3, 55, asOf: "2026-07-02", at: stamp("2026-07-02", 9, 0)),
            record(4, 50, asOf: "2026-07-02", at: stamp("2026-07-03", 9, 0), supersedes: 3),
            record(5, 54, asOf: "2026-07-04", at: stamp("2026-07-04", 9, 0)),
            record(6, 99, asOf: "2026-07-09", at: stamp("2026-07-09", 9, 0)),
            record(7, 100, asOf: "2026-07-01", at: stamp("2026-07-02", 9, 30), subject: "B8"),
        ])
        let week = try store.changes(since: stamp("2026-07-01", 0, 0), until: stamp("2026-07-08", 0, 0))
        // Newest change first; B1-A once, from 40% (known when the week began) to 54%.
        #expect(week.map(\.subject) == ["B1-A", "B8"])
        let siteA = week[0]
        #expect(siteA.before?.id == 1 && siteA.after?.id == 5)
        #expect(siteA.records.map(\.id) == [2, 3, 4, 5])
        // The withdrawn 55% is part of the change, corrected by #4: never a change of its own.
        #expect(siteA.correctedBy == [3: 4])
        // B8 had no record before: nothing from the store (the dashboard fills in the dataset's).
        #expect(week[1].before == nil && week[1].after?.id == 7)
        #expect(try store.changes(since: stamp("2026-07-10", 0, 0)).isEmpty)
        // Until now: the 99% of 9 July is the end of it.
        #expect(try store.changes(since: stamp("2026-07-01", 0, 0)).first?.after?.id == 6)
    }

    /// The dataset's figure is where a figure stood before anything was recorded about it.
    @Test(arguments: StoreKind.available) func aFigureWithNoRecordBeforeThePeriodStartsFromTheDataset(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        _ = try temp.restored([record(1, 61, asOf: "2026-11-24", at: stamp("2026-11-24", 12, 0))])
        let watcher = StoreWatcher(store: try temp.open(seeded: false), base: temp.programme)
        let change = try #require(try watcher.changes(since: stamp("2026-11-01", 0, 0), until: nil).first)
        #expect(change.before?.percent == temp.programme.buildings.first { $0.id == "B1-A" }?.percentComplete.value)
        #expect(change.before?.recordedBy == "dataset" && change.after?.percent == 61)
    }

    @Test(arguments: StoreKind.available) func aReadOnlyViewerSeesThePastToo(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        _ = try temp.restored([record(1, 61, asOf: "2026-11-24", at: stamp("2026-11-24", 12, 0))])
        let reader = try temp.open(readOnly: true)
        #expect(try reader.latest(asKnownOn: Day(iso: "2026-11-24")!).first { $0.subject == "B1-A" }?.percent == 61)
    }
}
