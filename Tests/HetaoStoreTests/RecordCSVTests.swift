import Foundation
import HetaoDomain
import Testing
@testable import HetaoStore

private let today = Day(iso: "2026-11-25")!

/// Exports that import again, whatever they hold; files that cannot smuggle anything in.
@Suite struct RecordCSVTests {
    /// Every kind, every optional field, same-day records, a chain of corrections, Chinese,
    /// line breaks, quotes, leading spaces and cells a spreadsheet would run.
    private func richStore(_ temp: TemporaryStore) throws -> StatusStore {
        let store = try temp.open(writer: "amy")
        let day = Day(iso: "2026-11-24")!
        let a = try store.append([
            StatusRecord(kind: .progress, subject: "B1-A", asOf: day, recordedBy: "amy", note: "第六層 樓板\nslab, \"level 6\"",
                         source: "site report 47", percent: 61.25, status: .underConstruction),
            StatusRecord(kind: .progress, subject: "B1-A", asOf: day, recordedBy: "amy", note: "  same day, again",
                         source: "site report 47", percent: 61.25, status: .underConstruction),
        ])
        let fix = try temp.open(writer: "bo").append([StatusRecord(kind: .progress, subject: "B1-A", asOf: day,
                                                 source: "=HYPERLINK(\"http://x\",\"x\")", supersedes: a[1].id, percent: 62)])[0]
        try temp.open(writer: "  cy, \"the\" =clerk").append([
            StatusRecord(kind: .progress, subject: "B1-A", asOf: day, recordedBy: "bo", note: "'=already quoted",
                         source: "-2+3", supersedes: fix.id, percent: 63),
            StatusRecord(kind: .milestone, subject: "B1-A", event: .completion, asOf: day, recordedBy: "cy", note: "@mention\ttab",
                         source: "+programme rev 4", forecast: Day(iso: "2027-08-31"), actual: nil),
            StatusRecord(kind: .milestone, subject: "remaining-five", asOf: day, recordedBy: "cy", source: "ITIB",
                         forecast: Day(iso: "2027-12-31"), actual: Day(iso: "2026-11-01")),
            StatusRecord(kind: .leasing, subject: "B9", asOf: day, recordedBy: "dee", source: "HSITPL", shareLet: 85.5, tenants: 31),
            StatusRecord(kind: .spend, subject: "batch-1-construction", asOf: day, recordedBy: "eve", note: "月報",
                         source: "monthly return", committed: HKD(dollars: 16_950_000_000), spent: HKD(dollars: 12_900_000_001)),
        ])
        return store
    }

    @Test func anExportWithSameDayRecordsCorrectionsAndEveryFieldRestoresExactly() throws {
        let source = TemporaryStore()
        let store = try richStore(source)
        let exported = try RecordCSV.write(store.allRecords())
        let copy = TemporaryStore()
        let copied = try copy.open(seeded: false)
        #expect(try copied.restore(Data(exported.utf8), programme: copy.programme).count == (try store.allRecords().count))
        #expect(try copied.allRecords() == (try store.allRecords()))
        #expect(try RecordCSV.write(try copied.allRecords()) == exported)
        #expect(try copied.latest().sorted { $0.id < $1.id } == (try store.latest().sorted { $0.id < $1.id }))
        // And that copy's export restores the same again.
        let again = try TemporaryStore().restored(try copied.allRecords())
        #expect(try RecordCSV.write(try again.allRecords()) == exported)
    }

    /// The same export imported into a store is stamped by that store: when and by whom it was
    /// imported; the stamps it carried are kept as each record's origin, and come back out.
    @Test func anExportImportedIsStampedAnewWithItsStampsAsTheOrigin() throws {
        let source = TemporaryStore()
        let original = try richStore(source).allRecords()
        let copy = TemporaryStore()
        let copied = try copy.open(seeded: false, writer: "zed")
        let before = StatusStore.timestamp(Date().addingTimeInterval(-1))
        let summary = try copied.importCSV(Data(try RecordCSV.write(original).utf8), programme: copy.programme, today: today,
                                           dryRun: false)
        #expect(summary.warnings.isEmpty)
        let imported = try copied.allRecords()
        #expect(imported.count == original.count)
        for (new, old) in zip(imported, original) {
            #expect(new.recordedBy == "zed" && new.recordedAt >= before)
            #expect(new.origin == RecordOrigin(recordedAt: old.recordedAt, recordedBy: old.recordedBy))
            var same = new
            (same.id, same.supersedes, same.recordedAt, same.recordedBy, same.origin) =
                (old.id, old.supersedes, old.recordedAt, old.recordedBy, nil)
            #expect(same == old)
        }
        // Exported again and imported once more, the first origin stays.
        let twice = try TemporaryStore().open(seeded: false, writer: "yan")
        _ = try twice.importCSV(Data(try RecordCSV.write(imported).utf8), programme: copy.programme, today: today, dryRun: false)
        #expect(try twice.allRecords().map(\.origin) == original.map { RecordOrigin(recordedAt: $0.recordedAt, recordedBy: $0.recordedBy) })
    }

    @Test func cellsASpreadsheetWouldRunAreNeutralisedAndComeBackIntact() throws {
        let temp = TemporaryStore()
        let csv = try RecordCSV.write(richStore(temp).allRecords())
        #expect(csv.hasSuffix("\n") && !csv.hasSuffix("\n\n"))
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"x\"\")\","))
        #expect(csv.contains(",'-2+3,") && csv.contains("''=already quoted") && csv.contains("'+programme rev 4"))
        #expect(csv.contains("'@mention"))
        #expect(!csv.contains(",=") && !csv.contains(",+") && !csv.contains(",@"))
        for value in ["=1+1", "'=x", "''@y", "-30", "'", "plain", "+", "\ttab", "-3.5"] {
            #expect(CSVCell.restored(CSVCell.neutralised(value)) == value)
        }
        #expect(CSVCell.neutralised("-30") == "-30")
        #expect(CSVCell.restored("'quoted'") == "'quoted'")
    }

    /// A spreadsheet may hold money as people write it: every form `hetao record` takes, exactly.
    @Test func moneyImportsInEveryFormRecordTakes() throws {
        let temp = TemporaryStore()
        let store = try temp.open()
        let csv = """
            kind,subject,as_of,committed_hkd,spent_hkd,source
            spend,batch-1-construction,2026-11-21,16.95bn,12900000000,a
            spend,batch-1-construction,2026-11-22,"16,950m",HK$12.9bn,b
            spend,batch-1-operating,2026-11-22,HK$877m,"410,000,000",c

            """
        let summary = try store.importCSV(Data(csv.utf8), programme: temp.programme, today: today, dryRun: false)
        #expect(summary.records.map(\.committed) == [HKD(dollars: 16_950_000_000), HKD(dollars: 16_950_000_000), HKD(millions: 877)])
        #expect(summary.records.map(\.spent) == [HKD(dollars: 12_900_000_000), HKD(dollars: 12_900_000_000), HKD(millions: 410)])
        let bad = "kind,subject,as_of,spent_hkd,source\nspend,batch-1-operating,2026-11-22,0.4,c\nspend,batch-1-operating,2026-11-22,0x10,c\n"
        #expect(throws: ImportError.self) {
            try store.importCSV(Data(bad.utf8), programme: temp.programme, today: today, dryRun: true)
        }
        do {
            _ = try store.importCSV(Data(bad.utf8), programme: temp.programme, today: today, dryRun: true)
        } catch {
            guard case .rows(let problems, _) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.message) == [HKD.ParseError.notWholeDollars.message("spent_hkd", "0.4"),
                                                 HKD.ParseError.notAnAmount.message("spent_hkd", "0x10")])
        }
    }

    @Test func twoRowsAboutTheSameThingOnOneDayAreKeptWithAWarning() throws {
        let temp = TemporaryStore()
        let store = try temp.open()
        let csv = "kind,subject,as_of,percent,source\nprogress,B1-B,2026-11-22,85,a\nprogress,B1-B,2026-11-22,88,b\n"
        let summary = try store.importCSV(Data(csv.utf8), programme: temp.programme, today: today, dryRun: false)
        #expect(summary.warnings.map(\.description) == [
            "line 3: also about 'B1-B' on 2026-11-22, as line 2 is; this row, recorded later, is the latest",
        ])
        #expect(try store.latest().first { $0.subject == "B1-B" && $0.kind == .progress }?.percent == 88)
    }
}
