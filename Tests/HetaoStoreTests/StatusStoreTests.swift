import HetaoBundled
import Foundation
import GRDB
import HetaoData
import HetaoDomain
import HetaoText
import PostgresClient
import Testing
@testable import HetaoStore

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")
private let today = Day(iso: "2026-11-25")!

/// Which database a store test runs on: SQLite always, PostgreSQL when the test cluster is
/// there (`PostgresTestDatabase`). The same test, not a copy, runs on each.
enum StoreKind: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var available: [StoreKind] { PostgresTestDatabase.isAvailable ? [.sqlite, .postgres] : [.sqlite] }
    var testDescription: String { rawValue }
}

/// A store in a fresh temporary folder, or a fresh PostgreSQL database, removed afterwards.
final class TemporaryStore {
    let folder: URL
    let programme = try! BundledDataset.load()
    let kind: StoreKind
    private let database: PostgresTestDatabase?

    init(_ kind: StoreKind = .sqlite) {
        self.kind = kind
        folder = FileManager.default.temporaryDirectory.appending(path: "hetao-store-\(UUID().uuidString)")
        database = kind == .postgres ? try! PostgresTestDatabase() : nil
    }

    /// The file's path, or the database's conninfo.
    var path: String { database?.conninfo ?? folder.appending(path: "nested/status.sqlite").path }

    /// The store's path as its messages name it.
    var shownPath: String { StoreLocation.postgres(path).map(StoreLocation.redacted) ?? path }

    /// Runs `sql` on the store as another tool would (sqlite3, psql), not through hetao.
    func bypassing(_ sql: String) throws {
        if let database {
            try database.connect(writer: nil).execute(sql)
        } else {
            try DatabaseQueue(path: path).write { try $0.execute(sql: sql) }
        }
    }

    func open(seeded: Bool = true, readOnly: Bool = false, writer: String = "tester",
              busyTimeout: TimeInterval = 5) throws -> StatusStore {
        try StatusStore(path: path, seedFrom: seeded ? programme : nil, readOnly: readOnly, writer: writer, busyTimeout: busyTimeout)
    }

    /// A new store holding exactly `records`, their ids and stamps as given: how a history made
    /// in the past is set up, as only a restore writes a record's stamps.
    func restored(_ records: [StatusRecord]) throws -> StatusStore {
        let store = try open(seeded: false)
        _ = try store.restore(Data(try RecordCSV.write(records).utf8), programme: programme)
        return store
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

private func progress(_ subject: String, _ percent: Double, asOf: String, supersedes: Int64? = nil) -> StatusRecord {
    StatusRecord(kind: .progress, subject: subject, asOf: Day(iso: asOf)!, recordedBy: "tester", source: "site report",
                 supersedes: supersedes, percent: percent)
}

@Suite struct StatusStoreTests {
    @Test(arguments: StoreKind.available) func aNewStoreIsCreatedAndSeededFromTheDataset(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open()
        #expect(!store.isReadOnly)
        let latest = try store.latest()
        #expect(latest.filter { $0.kind == .progress }.count == 8)
        #expect(latest.contains { $0.kind == .spend && $0.subject == "batch-1-construction" && $0.spent == HKD(millions: 12400) })
        // Each seeded figure stands as of its source's publication; the editors' own, as of the dataset.
        #expect(latest.first { $0.kind == .progress && $0.subject == "B8" }?.asOf.iso == "2025-09-01")
        #expect(latest.first { $0.kind == .progress && $0.subject == "B1-A" }?.asOf == temp.programme.asOf)
        // Opening again does not seed twice.
        #expect(try temp.open().allRecords().count == (try store.allRecords().count))
    }

    @Test(arguments: StoreKind.available) func recordsAreStampedInUTCToTheMillisecond(kind: StoreKind) throws {
        #expect(StatusStore.timestamp(Date(timeIntervalSince1970: 1_795_595_337.042)) == "2026-11-25T08:28:57.042Z")
        #expect(StatusStore.timestamp(Date(timeIntervalSince1970: 951_782_400.999)) == "2000-02-29T00:00:00.999Z")
        #expect(StatusStore.timestamp(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        let temp = TemporaryStore(kind)
        let saved = try temp.open().append([progress("B1-A", 50, asOf: "2026-11-24")])[0]
        #expect(saved.recordedAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
    }

    @Test(arguments: StoreKind.available) func theLatestReportWinsAndACorrectionReplacesWhatItCorrects(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open()
        let first = try store.append([progress("B1-A", 50, asOf: "2026-11-23")])[0]
        _ = try store.append([progress("B1-A", 48, asOf: "2026-11-21")])  // an older report arriving late
        #expect(try store.latest().first { $0.slot == first.slot }?.percent == 50)
        let fix = try store.append([progress("B1-A", 52, asOf: "2026-11-23", supersedes: first.id)])[0]
        #expect(try store.latest().first { $0.slot == first.slot }?.id == fix.id)
        let applied = temp.programme.applying(try store.latest())
        let siteA = try #require(applied.buildings.first { $0.id == "B1-A" })
        #expect(siteA.percentComplete == Sourced(52, source: "site report"))
        #expect(siteA.progressReport?.asOf == Day(iso: "2026-11-23"))
        #expect(siteA.progressReport?.isStale(on: today, afterDays: 30) == false)
        #expect(siteA.progressReport?.isStale(on: Day(iso: "2027-01-01")!, afterDays: 30) == true)
        #expect(applied.source("site report")?.confidence == .medium)
        // History keeps everything, in as-of order.
        #expect(try store.history(of: "B1-A").map(\.percent) == [90, 48, 50, 52])
    }

    @Test(arguments: StoreKind.available) func recordsAreNeverEditedOrDeleted(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let records = try temp.open().allRecords()
        #expect((try? temp.bypassing("UPDATE record SET percent = 1")) == nil)
        #expect((try? temp.bypassing("DELETE FROM record")) == nil)
        #expect(try temp.open().allRecords() == records)
    }

    @Test(arguments: StoreKind.available) func aReadOnlyStoreReadsButRefusesToRecord(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        _ = try temp.open()
        let store = try temp.open(readOnly: true)
        #expect(store.isReadOnly)
        #expect(try store.latest().count > 0)
        #expect(throws: StoreError.readOnly(path: temp.shownPath)) { try store.append([progress("B8", 100, asOf: "2026-11-20")]) }
    }

    @Test func aDamagedNewerOrLockedStoreSaysSo() throws {
        let temp = TemporaryStore()
        try FileManager.default.createDirectory(at: temp.folder.appending(path: "nested"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: temp.path, contents: Data(repeating: 0x41, count: 4096)))
        #expect(throws: StoreError.notADatabase(path: temp.path)) { try temp.open() }

        let newer = TemporaryStore()
        _ = try newer.open()
        try DatabaseQueue(path: newer.path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(throws: StoreError.newerSchema(path: newer.path)) { try newer.open() }

        let locked = TemporaryStore()
        _ = try locked.open()
        let holder = try DatabaseQueue(path: locked.path)
        try holder.inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            let store = try? locked.open(busyTimeout: 0.2)
            #expect(throws: StoreError.locked(path: locked.path)) {
                try store?.append([progress("B8", 100, asOf: "2026-11-20")]) ?? { throw StoreError.locked(path: locked.path) }()
            }
            try db.execute(sql: "ROLLBACK")
        }
    }

    @Test(arguments: StoreKind.available) func dataVersionChangesWhenAnotherConnectionCommits(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let viewer = try temp.open()
        let before = try viewer.dataVersion()
        #expect(try viewer.dataVersion() == before)
        let writer = try temp.open()
        try writer.append([progress("B8", 100, asOf: "2026-11-21")])
        #expect(try viewer.dataVersion() != before)
    }
}

@Suite struct RecordValidatorTests {
    let programme = try! BundledDataset.load()

    func check(_ record: StatusRecord, latest: [StatusRecord] = []) -> [String] {
        RecordValidator(programme: programme, today: today, latest: latest).check(record).map(Texts.english.issue)
    }

    @Test func unknownIdsGetASuggestion() {
        #expect(check(progress("B99", 50, asOf: "2026-11-01")) == ["error: no building 'B99'; did you mean B9?"])
        let spend = StatusRecord(kind: .spend, subject: "ai-institut", asOf: today, source: "x", spent: HKD(millions: 1))
        #expect(check(spend) == ["error: no allocation 'ai-institut'; did you mean ai-institute?"])
    }

    @Test func rangesDatesAndMoneyFollowTheDocumentedRules() {
        #expect(check(progress("B8", 101, asOf: "2026-11-01")) == ["error: percent complete 101 is outside 0-100"])
        #expect(check(progress("B8", 100, asOf: "2026-11-26"))
                == ["error: the as-of date 2026-11-26 is in the future (today is 2026-11-25)"])
        func spend(committed: Double? = nil, spent: Double?) -> StatusRecord {
            StatusRecord(kind: .spend, subject: "batch-1-operating", asOf: today, source: "x",
                         committed: committed.map { HKD(millions: $0) }, spent: spent.map { HKD(millions: $0) })
        }
        #expect(check(spend(spent: 900)) == ["error: an overrun needs a note saying why: spent HK$900 million exceeds the HK$877 million of 'batch-1-operating'"])
        // With a note it is recorded, once confirmed: an overrun is a real event.
        var overrun = spend(spent: 900)
        overrun.note = "supplementary approval pending"
        #expect(check(overrun) == ["warning: an overrun: spent HK$900 million exceeds the HK$877 million of 'batch-1-operating'"])
        #expect(check(spend(committed: 900, spent: 500)) == ["warning: committed HK$900 million exceeds the HK$877 million of 'batch-1-operating'"])
        #expect(check(spend(committed: 400, spent: 500)) == ["warning: spent HK$500 million exceeds committed HK$400 million"])
        #expect(check(spend(spent: -1)) == ["error: spent -HK$1 million cannot be negative"])
        let latest = [progress("B1-A", 45, asOf: "2026-11-20")]
        #expect(check(progress("B1-A", 40, asOf: "2026-11-24"), latest: latest) == [
            "warning: progress 40% is below the latest 45% (as of 2026-11-20, record 0); if that report was wrong, correct it instead",
        ])
        let milestone = StatusRecord(kind: .milestone, subject: "B1-A", event: .completion, asOf: today, source: "x")
        #expect(check(milestone) == ["error: a forecast or an actual date is required"])
    }
}

extension RecordValidatorTests {
    @Test func implausibleDatesAndAmountsAreRefused() {
        let milestone = StatusRecord(kind: .milestone, subject: "B1-A", event: .completion, asOf: today, source: "x",
                                     forecast: Day(iso: "0001-01-01"))
        #expect(check(milestone) == ["error: the forecast 0001-01-01 is outside 1990-2100"])
        let spend = StatusRecord(kind: .spend, subject: "batch-1-operating", asOf: today, source: "x",
                                 committed: HKD(dollars: 8_900_000_000_000_000_000))
        #expect(check(spend).first == "error: committed HK$8,900,000,000,000 million is more than HK$1,000,000 million; check the amount")
    }

    @Test func aBuildingMilestoneWithoutItsEventSaysWhichEventsThereAre() {
        let milestone = StatusRecord(kind: .milestone, subject: "B1-A", asOf: today, source: "x", forecast: Day(iso: "2027-01-01"))
        #expect(check(milestone) == ["error: a milestone of building B1-A names its event: start, topping-out, completion"])
    }

}

@Suite struct ImportTests {
    static let expected: [String: [String]] = {
        let text = (try? String(contentsOf: fixtures.appending(path: "expected-problems.txt"), encoding: .utf8)) ?? ""
        return Dictionary(grouping: text.split(separator: "\n").map(String.init)) { String($0.prefix { $0 != ":" }) }
    }()

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appending(path: "BadCSV").path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted()
    }()

    @Test func theCorpusCoversEveryRule() {
        #expect(Self.files.count >= 17)
        #expect(Set(Self.files) == Set(Self.expected.keys))
    }

    @Test(arguments: files)
    func eachBadFileIsRejectedWithItsRowsAndTheStoreUnchanged(name: String) throws {
        let temp = TemporaryStore()
        let store = try temp.open()
        let before = try store.allRecords()
        let data = try Data(contentsOf: fixtures.appending(path: "BadCSV/\(name)"))
        do {
            _ = try store.importCSV(data, programme: temp.programme, today: today, dryRun: false)
            Issue.record("\(name) was imported")
        } catch {
            guard case .rows(let problems, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(problems.map { "\(name):\($0.line): \($0.message)" } == Self.expected[name] ?? [])
        }
        #expect(try store.allRecords() == before)
    }

    /// Text is stored as written, whatever it holds (on PostgreSQL an import goes by COPY, whose
    /// own escapes must not show through).
    @Test(arguments: StoreKind.available) func anImportKeepsEveryCharacterOfItsText(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open()
        let notes = ["tab\there", "line\nbreak", "back\\slash \\N \\t", "crlf\r\nend", "潮濕 實驗室", "comma, \"quoted\""]
        var csv = "kind,subject,as_of,percent,source,note\n"
        for (i, note) in notes.enumerated() {
            csv += "progress,B1-C,2026-11-\(10 + i),\(30 + i),site report,\"\(note.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
        }
        let summary = try store.importCSV(Data(csv.utf8), programme: temp.programme, today: today, dryRun: false)
        #expect(summary.records.map(\.note) == notes)
        let stored = try store.history(of: "B1-C").filter { $0.source == "site report" }.sorted { $0.id < $1.id }
        #expect(stored.map(\.note) == notes)
        #expect(stored.map(\.id) == summary.records.map(\.id))
    }

    @Test(arguments: StoreKind.available) func aVeryLargeFileImportsInOneTransaction(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open()
        var csv = "kind,subject,as_of,percent,source\n"
        for i in 0..<20_000 { csv += "progress,B1-\(["A", "B", "C", "D"][i % 4]),\(today.adding(days: -i / 4).iso),\(i % 100),bulk\n" }
        let dry = try store.importCSV(Data(csv.utf8), programme: temp.programme, today: today, dryRun: true)
        #expect(dry.records.count == 20_000)
        #expect(try store.history(of: "B1-C").count == 1)
        // One bad row at the end rejects them all.
        let bad = csv + "progress,B1-C,2026-11-01,101,bulk\n"
        #expect(throws: ImportError.self) {
            try store.importCSV(Data(bad.utf8), programme: temp.programme, today: today, dryRun: false)
        }
        #expect(try store.history(of: "B1-C").count == 1)
    }
}
