import Foundation
import HetaoData
import HetaoDomain
@testable import HetaoStore
import Synchronization
import Testing

/// What long work tells a progress display, and what it leaves when stopped (Ctrl-C).
@Suite struct StoppedWorkTests {
    /// A display that keeps what it is told and asks to stop once `stopAt` items of `stage` are done.
    final class Watcher: Sendable {
        let told = Mutex<[(WorkProgress.Stage, Int, Int)]>([])
        let stopAt: (WorkProgress.Stage, Int)?

        init(stopAt: (WorkProgress.Stage, Int)? = nil) { self.stopAt = stopAt }

        var progress: WorkProgress {
            WorkProgress(tell: { stage, done, total in self.told.withLock { $0.append((stage, done, total)) } },
                         stop: { [stopAt] in
                             guard let stopAt else { return false }
                             return self.told.withLock { $0.contains { $0.0 == stopAt.0 && $0.1 >= stopAt.1 } }
                         })
        }

        func stages() -> [WorkProgress.Stage] {
            told.withLock { $0.map(\.0) }.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
        }
    }

    static func csv(rows: Int) -> Data {
        var text = "kind,subject,as_of,percent,source\n"
        for i in 0..<rows { text += "progress,B1-A,2026-0\(1 + i % 9)-1\(i % 10),\(i % 100),bulk \(i)\n" }
        return Data(text.utf8)
    }

    @Test func anImportTellsEachStageToTheLastRowAndStoppedWritesNothing() throws {
        let temp = TemporaryStore()
        let store = try temp.open()
        let before = try store.allRecords().count
        let watcher = Watcher()
        let summary = try store.importCSV(Self.csv(rows: 3000), programme: temp.programme, today: Day(iso: "2026-11-27")!,
                                          dryRun: false, progress: watcher.progress)
        #expect(summary.records.count == 3000)
        #expect(watcher.stages() == [.reading, .checking, .writing])
        let last = watcher.told.withLock { $0.last! }
        #expect(last.0 == .writing && last.1 == 3000 && last.2 == 3000)
        // Told every 1,024 items, not every row.
        #expect(watcher.told.withLock { $0.count } == 3 * 3)

        for stage in [WorkProgress.Stage.reading, .checking, .writing] {
            do {
                _ = try store.importCSV(Self.csv(rows: 3000), programme: temp.programme, today: Day(iso: "2026-11-27")!,
                                        dryRun: false, progress: Watcher(stopAt: (stage, 1024)).progress)
                Issue.record("an import stopped while \(stage) went on")
            } catch {
                guard case .store(.cancelled) = error else {
                    Issue.record("expected a cancelled import, got \(error)")
                    continue
                }
            }
            #expect(try temp.open().allRecords().count == before + 3000, "stopped while \(stage)")
        }
    }

    @Test func seedingStoppedLeavesNoStoreAndAnEmptyFileEmpty() throws {
        // A programme with enough buildings for the seeding to be told more than once.
        let temp = TemporaryStore()
        var programme = temp.programme
        let building = programme.buildings[0]
        programme.buildings = (0..<3000).map { i in
            var copy = building
            copy.id = "S\(i)"
            return copy
        }
        let stopping = Watcher(stopAt: (.seeding, 1024))
        #expect(throws: StoreError.cancelled(path: temp.path)) {
            try StatusStore(path: temp.path, seedFrom: programme, progress: stopping.progress)
        }
        #expect(!FileManager.default.fileExists(atPath: temp.path))
        #expect(!FileManager.default.fileExists(atPath: temp.path + "-wal"))

        // An empty file someone made for the store is left empty, and the next start seeds it.
        #expect(FileManager.default.createFile(atPath: temp.path, contents: Data()))
        #expect(throws: StoreError.cancelled(path: temp.path)) {
            try StatusStore(path: temp.path, seedFrom: programme, progress: Watcher(stopAt: (.seeding, 1024)).progress)
        }
        #expect(try FileManager.default.attributesOfItem(atPath: temp.path)[.size] as? Int == 0)
        let watcher = Watcher()
        let store = try StatusStore(path: temp.path, seedFrom: programme, progress: watcher.progress)
        #expect(try store.allRecords().count >= 3000)
        #expect(watcher.stages() == [.seeding])
    }

    @Test func readingEveryRecordTellsItsCountAndStopsWhenAsked() throws {
        let temp = TemporaryStore()
        let store = try temp.open()
        _ = try store.importCSV(Self.csv(rows: 2500), programme: temp.programme, today: Day(iso: "2026-11-27")!,
                                dryRun: false)
        let total = try store.allRecords().count
        let watcher = Watcher()
        #expect(try store.allRecords(progress: watcher.progress).count == total)
        #expect(watcher.told.withLock { $0.last.map { [$0.1, $0.2] } } == [total, total])
        #expect(throws: StoreError.cancelled(path: temp.path)) {
            try store.allRecords(progress: Watcher(stopAt: (.reading, 2048)).progress)
        }
        #expect(throws: WorkCancelled.self) {
            try RecordCSV.write(try store.allRecords(), progress: Watcher(stopAt: (.writing, 1024)).progress)
        }
    }
}
