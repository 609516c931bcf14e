import Foundation
import GRDB
import HetaoDomain
import HetaoText
import Testing
@testable import HetaoStore

private let today = Day(iso: "2026-11-25")!

private func progress(_ subject: String, _ percent: Double, asOf: String, supersedes: Int64? = nil,
                      note: String = "", source: String = "site report") -> StatusRecord {
    StatusRecord(kind: .progress, subject: subject, asOf: Day(iso: asOf)!, recordedBy: "tester", note: note, source: source,
                 supersedes: supersedes, percent: percent)
}

/// What the store promises viewers, writers and anyone handing it a file.
@Suite struct StorePromisesTests {
    @Test func aViewerWhoCannotCreateTheSharedMemoryFileStillReadsEverything() throws {
        let temp = TemporaryStore()
        do { try temp.open().append([progress("B1-A", 61, asOf: "2026-11-24")]) }
        // No writer has the store open (its -shm file is gone), and none can be made beside it:
        // a directory stands where SQLite would create it, as a folder the viewer cannot write does.
        try FileManager.default.createDirectory(atPath: temp.path + "-shm", withIntermediateDirectories: false)
        let viewer = try temp.open(readOnly: true)
        #expect(viewer.isReadOnly)
        #expect(try viewer.latest().first { $0.subject == "B1-A" && $0.kind == .progress }?.percent == 61)
        #expect(try viewer.history(of: "B1-A").count == 2)
        #expect(throws: StoreError.readOnly(path: temp.path)) { try viewer.append([progress("B8", 100, asOf: "2026-11-20")]) }
    }

    @Test func aNewStoreFollowsTheUmaskForASharedFolder() throws {
        let temp = TemporaryStore()
        let previous = umask(0o002)
        defer { umask(previous) }
        _ = try temp.open()
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: temp.path)[.posixPermissions] as? Int)
        #expect(mode == 0o664)
    }

    @Test(arguments: StoreKind.available) func aCorrectionDatedEarlierWithdrawsTheFigureItCorrects(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open()
        let wrong = try store.append([progress("B1-C", 35, asOf: "2026-11-25")])[0]
        let fix = try store.append([progress("B1-C", 33, asOf: "2026-11-24", supersedes: wrong.id)])[0]
        let latest = try #require(try store.latest().first { $0.slot == wrong.slot })
        #expect(latest.id == fix.id && latest.percent == 33)
        // A later report still wins over both.
        let next = try store.append([progress("B1-C", 36, asOf: "2026-12-01")])[0]
        #expect(try store.latest().first { $0.slot == wrong.slot }?.id == next.id)
    }

    @Test(arguments: StoreKind.available) func aRecordIsCorrectedOnceAndOnlyByARecordAboutTheSameThing(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let store = try temp.open()
        let first = try store.append([progress("B1-A", 50, asOf: "2026-11-20")])[0]
        let fix = try store.append([progress("B1-A", 51, asOf: "2026-11-20", supersedes: first.id)])[0]
        guard case .found(_, _, let by) = try store.correctionTarget(first.id) else { Issue.record("not found"); return }
        #expect(by == "#\(fix.id)")
        let validator = RecordValidator(programme: temp.programme, today: today, latest: try store.latest())
        #expect(validator.check(progress("B1-A", 52, asOf: "2026-11-20", supersedes: first.id),
                                correcting: try store.correctionTarget(first.id)).map(Texts.english.issue)
                == ["error: record \(first.id) is already corrected by #\(fix.id); supersede #\(fix.id) instead"])
        // The store itself refuses it, whoever writes.
        #expect(throws: StoreError.self) { try store.append([progress("B1-A", 52, asOf: "2026-11-20", supersedes: first.id)]) }
        #expect(throws: StoreError.self) { try store.append([progress("B1-B", 52, asOf: "2026-11-20", supersedes: fix.id)]) }
        #expect(try store.history(of: "B1-A").count == 3)
    }

    @Test func anUnreadableRowIsNamedAndEverythingElseStillReads() throws {
        let temp = TemporaryStore()
        let store = try temp.open()
        let good = try store.append([progress("B1-C", 31, asOf: "2026-11-20")])[0]
        // A tool that ignores the store's rules (it drops the stamping trigger) writes nonsense.
        try DatabaseQueue(path: temp.path).write { db in
            try db.execute(sql: """
                DROP TRIGGER record_is_stamped_by_the_store;
                INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source, percent)
                VALUES ('progress', 'B1-C', '2026-11-24', 'x', 'other tool', 's', 'abc'),
                       ('progress', 'B1-D', '2026-13-45', 'x', 'other tool', 's', 20)
                """)
        }
        let latest = try store.latest()
        #expect(latest.first { $0.subject == "B1-C" && $0.kind == .progress }?.id == good.id)
        let all = try store.allRecords()
        #expect(all.count == (try Int(DatabaseQueue(path: temp.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM record") }!)) - 2)
        let seededD = try #require(try store.history(of: "B1-D").first)
        let named = store.unreadable.values.sorted { $0.id < $1.id }.map(\.description)
        #expect(named == [
            "record #\(good.id + 1) cannot be read: percent 'abc' is not a number; showing #\(good.id), the record before it",
            "record #\(good.id + 2) cannot be read: as_of '2026-13-45' is not a date (YYYY-MM-DD); "
                + "showing #\(seededD.id), the record before it",
        ])
    }

    @Test func aLostLatestTableIsRebuiltByAWriterAndDerivedForAReader() throws {
        let temp = TemporaryStore()
        let store = try temp.open()
        let wrong = try store.append([progress("B1-C", 35, asOf: "2026-11-25")])[0]
        let fix = try store.append([progress("B1-C", 33, asOf: "2026-11-24", supersedes: wrong.id)])[0]
        try DatabaseQueue(path: temp.path).write { try $0.execute(sql: "DROP TABLE latest") }

        let reader = try temp.open(readOnly: true)
        #expect(reader.notices.count == 1 && reader.notices[0].contains("missing latest"))
        #expect(try reader.latest().first { $0.slot == wrong.slot }?.id == fix.id)

        let writer = try temp.open()
        #expect(writer.notices.count == 1 && writer.notices[0].contains("rebuilt from its"))
        #expect(try writer.latest().first { $0.slot == wrong.slot }?.id == fix.id)
        let more = try writer.append([progress("B1-C", 40, asOf: "2026-11-25")])[0]
        #expect(try writer.latest().first { $0.slot == wrong.slot }?.id == more.id)
        #expect(try temp.open().notices.isEmpty)
    }

    @Test func aStoreWithoutItsRecordTableFailsLoudly() throws {
        let temp = TemporaryStore()
        _ = try temp.open()
        try DatabaseQueue(path: temp.path).write { db in
            try db.execute(sql: "DROP TRIGGER record_keeps_latest; DROP TABLE latest; DROP TABLE record")
        }
        #expect(throws: StoreError.damaged(path: temp.path,
                                           reason: "its record table is missing; restore it from a backup or an export")) {
            try temp.open()
        }
    }

    @Test func readersDoNotWaitForAWriter() throws {
        let temp = TemporaryStore()
        _ = try temp.open()
        let holder = try DatabaseQueue(path: temp.path)
        try holder.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('import', 'under way')")
            let reader = try temp.open(busyTimeout: 0.2)
            #expect(try reader.latest().count > 0)
            #expect(try reader.history(of: "B8").count > 0)
            try db.execute(sql: "ROLLBACK")
        }
    }

    @Test func aStoreFromBeforeTheLatestRuleIsUpgradedAndCorrected() throws {
        let temp = TemporaryStore()
        try FileManager.default.createDirectory(at: temp.folder.appending(path: "nested"), withIntermediateDirectories: true)
        // A v1 store, where a correction dated earlier left the withdrawn figure latest.
        let old = try DatabaseQueue(path: temp.path)
        try StoreSchema.migrator.migrate(old, upTo: "v1")
        try old.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('created_at', 'then')")
            try db.execute(sql: """
                INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source, percent, supersedes)
                VALUES ('progress', 'B1-C', '2026-11-25', '2026-11-25T09:00:00.000Z', 'amy', 's', 35, NULL),
                       ('progress', 'B1-C', '2026-11-24', '2026-11-25T10:00:00.000Z', 'amy', 's', 33, 1)
                """)
        }
        try old.close()
        // A viewer reads it right without changing it; a writer upgrades it, its stamps kept.
        #expect(try temp.open(readOnly: true).latest().first { $0.subject == "B1-C" }?.percent == 33)
        let upgraded = try temp.open()
        #expect(try upgraded.latest().first { $0.subject == "B1-C" }?.percent == 33)
        #expect(try upgraded.history(of: "B1-C").map { "\($0.recordedAt) \($0.recordedBy)" }
                == ["2026-11-25T10:00:00.000Z amy", "2026-11-25T09:00:00.000Z amy"])
        // From then on the store stamps what is written.
        let next = try upgraded.append([progress("B1-C", 40, asOf: "2026-11-26")])[0]
        #expect(next.recordedBy == "tester" && next.recordedAt > "2026-11-25T10:00:00.000Z")
        #expect(try DatabaseQueue(path: temp.path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
                == StoreSchema.applicationID)
    }

    @Test func anotherSQLiteDatabaseIsRefusedUnchangedAndAnEmptyFileIsInitialisedWithANote() throws {
        let temp = TemporaryStore()
        try FileManager.default.createDirectory(at: temp.folder.appending(path: "nested"), withIntermediateDirectories: true)
        try DatabaseQueue(path: temp.path).write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        #expect(throws: StoreError.notAStore(path: temp.path)) { try temp.open() }
        let tables = try DatabaseQueue(path: temp.path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master") }
        #expect(tables == ["invoices"])

        let empty = TemporaryStore()
        try FileManager.default.createDirectory(at: empty.folder.appending(path: "nested"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        let store = try empty.open()
        #expect(store.notices == ["\(empty.path) was an empty file; it is now a new status store"])
        #expect(try store.latest().count > 0)
    }

    @Test func aDryRunCreatesNothingAndAFailedFirstImportLeavesNoFile() throws {
        let temp = TemporaryStore()
        let csv = Data("kind,subject,as_of,percent,source\nprogress,B9,2026-11-01,50,x\nprogress,B9,2026-11-02,101,x\n".utf8)
        #expect(throws: ImportError.self) {
            try StatusStore(inMemory: ()).importCSV(csv, programme: temp.programme, today: today, dryRun: true)
        }
        let store = try temp.open(seeded: false)
        #expect(store.wasCreated)
        #expect(throws: ImportError.self) {
            try store.importCSV(csv, programme: temp.programme, today: today, dryRun: false)
        }
        store.discardIfNew()
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.folder.appending(path: "nested").path) == [])
        // A store that was there before is never removed.
        let existing = try temp.open(seeded: false)
        _ = try existing.importCSV(Data("kind,subject,as_of,percent,source\nprogress,B9,2026-11-01,50,x\n".utf8),
                                   programme: temp.programme, today: today, dryRun: false)
        let again = try temp.open(seeded: false)
        #expect(!again.wasCreated)
        again.discardIfNew()
        #expect(FileManager.default.fileExists(atPath: temp.path))
    }
}

/// A running dashboard's view of the store.
@Suite struct StoreWatcherTests {
    @Test(arguments: StoreKind.available) func aCommitElsewhereMakesTheWatcherReadableAndShowsTheRecord(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let watcher = StoreWatcher(store: try temp.open(), base: temp.programme)
        // As the loop does: the descriptor before it sleeps (nil at first on PostgreSQL, which has
        // just begun to listen: poll once), and the first poll shows the store as it is.
        _ = watcher.descriptor
        #expect(watcher.poll() != nil)
        let descriptor = try #require(watcher.descriptor)
        #expect(watcher.poll() == nil)
        var quiet = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        #expect(Glibc.poll(&quiet, 1, 100) == 0)

        try temp.open().append([progress("B1-B", 47, asOf: "2026-11-24")])
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        #expect(Glibc.poll(&ready, 1, 2000) == 1)
        let programme = try #require(watcher.poll())
        #expect(programme.buildings.first { $0.id == "B1-B" }?.percentComplete.value == 47)
        // Drained: quiet again until the next commit.
        var drained = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        #expect(Glibc.poll(&drained, 1, 100) == 0)
        #expect(watcher.poll() == nil)
        #expect(watcher.history(of: "B1-B", asKnownOn: nil).count == 2)
    }

    @Test(arguments: StoreKind.available) func aRecordFromTheDashboardIsCheckedAsTheCLIChecksItAndStampedWithTheRecorder(kind: StoreKind) throws {
        let temp = TemporaryStore(kind)
        let watcher = StoreWatcher(store: try temp.open(writer: "alice"), base: temp.programme)
        _ = watcher.poll()
        let today = Day(iso: "2026-11-27")!
        // No source: refused, with the error on the source field; nothing written.
        var record = StatusRecord(kind: .progress, subject: "B1-B", asOf: today, source: "", percent: 86)
        guard case .refused(let issues) = watcher.record(record, today: today, acceptingWarnings: false) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(issues.map(\.field) == [.source] && issues.map(\.severity) == [.error])
        #expect(try temp.open().history(of: "B1-B").count == 1)
        // Below the latest: a warning, refused until accepted.
        record.source = "site walk 12"
        record.percent = 5
        guard case .refused(let warnings) = watcher.record(record, today: today, acceptingWarnings: false) else {
            Issue.record("expected the warning to wait for confirmation")
            return
        }
        #expect(warnings.map(\.field) == [.percent] && warnings.map(\.severity) == [.warning])
        guard case .saved(let saved) = watcher.record(record, today: today, acceptingWarnings: true) else {
            Issue.record("expected the confirmed record to be saved")
            return
        }
        let stored = try #require(try temp.open().record(id: saved.id))
        #expect(stored.recordedBy == "alice" && stored.percent == 5 && stored.source == "site walk 12")
        // The dashboard that recorded it shows it at its next poll.
        #expect(watcher.poll()?.buildings.first { $0.id == "B1-B" }?.percentComplete.value == 5)
        // A read-only store says why.
        let reader = StoreWatcher(store: try temp.open(readOnly: true), base: temp.programme)
        guard case .failed(let reason) = reader.record(record, today: today, acceptingWarnings: true) else {
            Issue.record("expected a read-only store to refuse")
            return
        }
        #expect(reason.contains("read-only"))
    }
}

@Suite struct StoreCreationTests {
    /// Repeated, as the race it guards against is lost only when one opener looks at the file
    /// between the other's first write and its schema.
    @Test(arguments: StoreKind.available, 0..<8)
    func threeProcessesStartingOnTheSameNewStoreSeedItOnce(kind: StoreKind, round: Int) async throws {
        let temp = TemporaryStore(kind)
        if kind == .sqlite {
            try FileManager.default.createDirectory(at: temp.folder.appending(path: "nested"), withIntermediateDirectories: true)
            // All find an empty file: one created it, the others arrived before it was written.
            #expect(FileManager.default.createFile(atPath: temp.path, contents: Data()))
        }
        let path = temp.path, programme = temp.programme
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask { _ = try StatusStore(path: path, seedFrom: programme, busyTimeout: 5) }
            }
            try await group.waitForAll()
        }
        let store = try temp.open()
        #expect(try store.allRecords().filter { $0.recordedBy == "dataset" }.count == (try temp.open().latest().count))
        #expect(try store.history(of: "B8").count == 1)
    }
}
