import Foundation
import GRDB
import HetaoDomain
import Testing
@testable import HetaoStore

private let today = Day(iso: "2026-12-05")!

/// A second ago: the store's clock counts whole milliseconds, ours rounds them.
private func justBefore() -> String { StatusStore.timestamp(Date().addingTimeInterval(-1)) }

/// Who recorded a record, and when, is the store's to say: no input, and no other tool, can
/// date a record earlier or sign it in another's name.
@Suite struct ProvenanceTests {
    private let spoofed = StatusRecord(kind: .progress, subject: "B1-B", asOf: Day(iso: "2026-11-01")!,
                                       recordedAt: "2026-01-01T00:00:00.000Z", recordedBy: "alice",
                                       origin: RecordOrigin(recordedAt: "2025-01-01T00:00:00.000Z", recordedBy: "carol"),
                                       source: "site report", percent: 31)

    @Test(arguments: StoreKind.available) func aRecordIsStampedWithTheStoresClockAndWriterWhateverItCarries(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open(writer: "bob")
        let before = justBefore()
        let saved = try store.append([spoofed])[0]
        let after = StatusStore.timestamp()
        let stored = try #require(try store.record(id: saved.id))
        #expect(stored.recordedBy == "bob")
        #expect(stored.recordedAt >= before && stored.recordedAt <= after)
        #expect(stored == saved)
        // An origin comes from an import's file only; appending keeps whatever the caller gave.
        #expect(stored.origin == spoofed.origin)
    }

    @Test func anotherToolCannotDateOrSignARecord() throws {
        let temp = TemporaryStore()
        _ = try temp.open()
        let insert = "INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source, percent) "
        // Without hetao's writer function, no insert is even possible.
        #expect(throws: DatabaseError.self) {
            try DatabaseQueue(path: temp.path).write { db in
                try db.execute(sql: insert + "VALUES ('progress', 'B1-B', '2026-11-01', '2026-01-01T00:00:00.000Z', 'alice', 's', 31)")
            }
        }
        // A tool that defines it is held to the rule: the store's clock, the connection's writer.
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            db.add(function: DatabaseFunction("hetao_writer", argumentCount: 0, pure: false) { _ in "script" })
        }
        let tool = try DatabaseQueue(path: temp.path, configuration: configuration)
        for values in ["'2026-01-01T00:00:00.000Z', hetao_writer()", "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'alice'"] {
            do {
                try tool.write { try $0.execute(sql: insert + "VALUES ('progress', 'B1-B', '2026-11-01', \(values), 's', 31)") }
                Issue.record("\(values) was stored")
            } catch let error as DatabaseError {
                #expect(error.message?.contains("stamped by the store") == true, "\(error)")
            }
        }
        try tool.write {
            try $0.execute(sql: insert + "VALUES ('progress', 'B1-B', '2026-11-01', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
                           + "hetao_writer(), 's', 31)")
        }
        #expect(try temp.open().history(of: "B1-B").max { $0.id < $1.id }?.recordedBy == "script")
    }

    /// The repro: a CSV whose rows say alice recorded them on 1 January.
    @Test(arguments: StoreKind.available) func aSpoofedImportIsTheImportersNowWithTheFilesStampsAsItsOrigin(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open(writer: "bob")
        let csv = "kind,subject,as_of,percent,source,recorded_at,recorded_by\n"
            + "progress,B1-B,2026-11-01,31,site report,2026-01-01T00:00:00Z,alice\n"
        let before = justBefore()
        let summary = try store.importCSV(Data(csv.utf8), programme: temp.programme, today: today, dryRun: false)
        let stored = try #require(try store.record(id: summary.records[0].id))
        #expect(stored.recordedBy == "bob" && stored.recordedAt >= before)
        #expect(stored.origin == RecordOrigin(recordedAt: "2026-01-01T00:00:00Z", recordedBy: "alice"))
        // Time travel does not see it before it was imported; the changes since then do.
        #expect(try store.latest(asKnownOn: Day(iso: "2026-06-30")!).contains { $0.id == stored.id } == false)
        #expect(try store.changes(since: before).map(\.latest.id) == [stored.id])
    }

    @Test(arguments: StoreKind.available) func aRestoreRebuildsANewStoreWithItsStampsAndThenStampsAsAlways(kind: StoreKind) throws {
        let records = [
            StatusRecord(id: 3, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-06-01")!,
                         recordedAt: "2026-06-02T01:00:00.000Z", recordedBy: "amy", source: "s", percent: 40),
            StatusRecord(id: 7, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-06-01")!,
                         recordedAt: "2026-06-03T01:00:00.000Z", recordedBy: "bo", origin: spoofed.origin, source: "s",
                         supersedes: 3, percent: 42),
        ]
        let temp = TemporaryStore(kind)
        let store = try temp.restored(records)
        #expect(try store.allRecords() == records)
        if kind == .sqlite { #expect(try DatabaseQueue(path: temp.path).read { try StoreSchema.missingDerivedObjects($0) }.isEmpty) }
        #expect(try store.latest(asKnownOn: Day(iso: "2026-06-02")!).map(\.percent) == [40])
        let next = try store.append([spoofed])[0]
        #expect(next.id == 8 && next.recordedBy == "tester" && next.recordedAt > "2026-12")

        // Into a store that holds anything, nothing is restored.
        let csv = Data(try RecordCSV.write(records).utf8)
        #expect(throws: RestoreError.self) { try store.restore(csv, programme: temp.programme) }
        #expect(try store.allRecords().count == 3)
        let seeded = TemporaryStore(kind)
        let held = try seeded.open().allRecords()
        let target = try seeded.open()
        do {
            _ = try target.restore(csv, programme: seeded.programme)
            Issue.record("a seeded store took a restore")
        } catch {
            guard case .notEmpty(_, let count) = error else { Issue.record("\(error)"); return }
            #expect(count == held.count)
        }
        #expect(try seeded.open().allRecords() == held)
    }

    /// A restore takes an export as it is, stamps of older stores included, but nothing `record`
    /// would have refused on the day the record was made, and nothing that would break the store.
    @Test(arguments: StoreKind.available) func aRestoreNeedsAnExportsIdsAndStampsAndTheRulesOfTheDay(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open(seeded: false)
        let csv = """
            id,kind,subject,as_of,percent,source,supersedes,recorded_at,recorded_by
            ,progress,B1-B,2026-11-01,31,s,,2026-11-02T00:00:00.000Z,amy
            x,progress,B1-B,2026-11-01,31,s,,2026-11-02T00:00:00.000Z,amy
            9223372036854775807,progress,B1-B,2026-11-01,31,s,,2026-11-02T00:00:00.000Z,amy
            4,progress,B1-B,2026-11-01,31,s,,yesterday,amy
            5,progress,B1-B,2026-11-01,31,s,,2026-11-02T00:00:00.000Z,
            6,progress,B1-B,2026-11-01,31,s,,2026-11-02,amy
            06,progress,B1-B,2026-11-01,32,s,,2026-11-02T01:00:00.000Z,amy
            7,progress,NOPE,2026-11-01,900,s,,2026-11-02T00:00:00.000Z,amy
            8,progress,B1-B,2099-01-01,31,s,,2026-11-02T00:00:00.000Z,amy
            9,progress,B1-B,2026-11-01,31,s,3,2026-11-02T00:00:00.000Z,amy

            """
        var problems: [RecordCSV.RowProblem] = []
        do { _ = try store.restore(Data(csv.utf8), programme: temp.programme) } catch {
            if case .rows(let rows) = error { problems = rows }
        }
        #expect(problems.map(\.description) == [
            "line 2: no id: a restore takes an export, whose every row has its record id",
            "line 3: id 'x' is not a record id (a whole number from 1 to 2^53)",
            "line 4: id '9223372036854775807' is not a record id (a whole number from 1 to 2^53)",
            "line 5: recorded_at 'yesterday' is not a time a store recorded (YYYY-MM-DDTHH:MM:SS.sssZ)",
            "line 6: recorded_by is empty",
            "line 8: id 6 is also on line 7",
            "line 9: no building 'NOPE'",
            "line 9: percent complete 900 is outside 0-100",
            "line 10: the as-of date 2099-01-01 is in the future (today is 2026-11-03)",
            "line 11: supersedes 3, which no earlier row of the file is",
        ])
        #expect(try store.allRecords().isEmpty)
    }
}
