import Foundation
import GRDB
import Testing

/// What the store commands promise the people and scripts that use them.
@Suite struct StoreCommandTests {
    private func hasNoControlBytes(_ text: String) -> Bool {
        !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func aCorrectionDatedEarlierIsWhatTheReportShows() throws {
        let hetao = HetaoProcess()
        let wrong = try hetao.run("record", "progress", "B1-C", "35", "--as-of", "2026-11-25", "--source", "r")
        try hetao.run("record", "progress", "B1-C", "33", "--supersedes", HetaoProcess.recordedID(wrong),
                      "--as-of", "2026-11-24", "--source", "fix")
        let csv = try hetao.run("report", "--section", "buildings", "--format", "csv").stdout
        let siteC = try #require(csv.split(separator: "\n").first { $0.contains(",Site C,") })
        #expect(siteC.contains(",33,") && !siteC.contains(",35,"))
    }

    @Test func twoReportsAsKnownOnTwoDaysShowWhatChangedInBetween() throws {
        let hetao = HetaoProcess()
        let csv = """
            id,kind,subject,event,as_of,percent,status,forecast,actual,share_let,tenants,committed_hkd,spent_hkd,note,source,supersedes,recorded_at,recorded_by
            1,progress,B1-A,,2026-06-01,40,,,,,,,,,site report 40,,2026-06-10T12:00:00.000Z,ana
            2,progress,B1-A,,2026-06-20,46,,,,,,,,,site report 41,,2026-07-02T12:00:00.000Z,ana

            """
        try csv.write(toFile: hetao.folder.path("history.csv"), atomically: true, encoding: .utf8)
        let restored = try hetao.run("restore", hetao.folder.path("history.csv"))
        #expect(restored.status == 0 && restored.stdout.hasSuffix(": restored 2 records from \(hetao.folder.path("history.csv"))\n"),
                "\(restored.stderr)")
        func siteA(_ day: String) throws -> String {
            let report = try hetao.run("report", "--section", "buildings", "--format", "csv", "--as-known-on", day)
            #expect(report.status == 0, "\(report.stderr)")
            return String(try #require(report.stdout.split(separator: "\n").first { $0.contains(",Site A,") }))
        }
        let before = try siteA("2026-06-30"), after = try siteA("2026-07-05")
        #expect(before.contains(",40,") && after.contains(",46,") && before != after)
        let text = try hetao.run("report", "--section", "overview", "--as-known-on", "2026-06-30").stdout
        // The dataset as published by then reads as of February 2026; the record is newer.
        #expect(text.hasPrefix("Hetao Hong Kong Park construction programme (data as of 2026-06-01: progress of B1-A, record #1); "
                               + "as known on 2026-06-30\n"))
        // What changed in the first week of July: the 46% that replaced the 40% known then, one record.
        let changes = try hetao.run("report", "--section", "changes", "--format", "csv", "--since", "2026-07-01",
                                    "--until", "2026-07-07").stdout
        #expect(changes.hasPrefix("table,subject,kind,from,to,records,as_of,recorded_by,source,illustrative\n"))
        #expect(changes.contains("\nWhat changed from 2026-07-01 to 2026-07-07 (net),B1-A,progress,40%,46%,1,2026-06-20,ana,site report 41,"))
        #expect(changes.contains(",2,B1-A,progress,46%,2026-06-20,2026-07-02T12:00:00.000Z,ana,site report 41,"))
        #expect(!changes.contains(",dataset,"))
        // A period before anything changed has nothing; a period the wrong way round is refused.
        let june = try hetao.run("report", "--section", "changes", "--format", "csv", "--since", "2026-06-11", "--until", "2026-06-30")
        #expect(!june.stdout.contains(",B1-A,"))
        let backwards = try hetao.run("report", "--section", "changes", "--since", "2026-07-07", "--until", "2026-07-01")
        #expect(backwards.status == 64 && backwards.stderr.contains("--since 2026-07-07 is after --until 2026-07-01"))
        let json = try hetao.run("report", "--section", "overview", "--format", "json", "--as-known-on", "2026-06-30").stdout
        #expect(json.contains("\n  \"known_on\" : \"2026-06-30\",\n"))
    }

    @Test func anExportOfSameDayRecordsRestoresIntoANewStoreAndOnlyThere() throws {
        let hetao = HetaoProcess()
        try hetao.run("record", "progress", "B1-A", "50", "--as-of", "2026-11-24", "--source", "a")
        try hetao.run("record", "progress", "B1-A", "51", "--as-of", "2026-11-24", "--source", "b", "--note", "第六層\nslab")
        let exported = try hetao.run("export", "--format", "csv")
        #expect(exported.status == 0 && exported.stdout.hasSuffix("\n"))
        try exported.stdout.write(toFile: hetao.folder.path("all.csv"), atomically: true, encoding: .utf8)
        let copy = hetao.folder.path("copy.sqlite")
        let restored = try hetao.run("restore", "-", input: exported.stdout, store: copy)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try hetao.run("export", "--format", "csv", store: copy).stdout == exported.stdout)
        // Not into a store that holds records: nothing written, and the way to add them named.
        let again = try hetao.run("restore", hetao.folder.path("all.csv"), store: copy)
        #expect(again.status == 73)
        let count = try #require(restored.stdout.firstMatch(of: /restored (\d+) records/)?.1)
        #expect(again.stderr == "hetao: \(copy): holds \(count) records already; a restore "
                + "makes a new store (give --store a new file), and import adds records to this one\n")
        #expect(try hetao.run("export", "--format", "csv", store: copy).stdout == exported.stdout)
        // A file that is not an export (no ids) is refused whole, and leaves no store behind.
        let bare = hetao.folder.path("bare.sqlite")
        let refused = try hetao.run("restore", "-", input: "kind,subject,as_of,percent,source\nprogress,B1-A,2026-11-01,5,x\n",
                                    store: bare)
        #expect(refused.status == 65 && refused.stderr.hasPrefix("<stdin>:2: no id: a restore takes an export"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bare))
        // Into an empty file, a refused restore leaves it empty, not an unseeded store.
        let empty = hetao.folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(try hetao.run("restore", "-", input: "id,kind\n", store: empty).status == 65)
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
    }

    /// The repro of a forged history: rows that say alice recorded them on 1 January, and a
    /// recorder who names themselves alice.
    @Test func importedStampsAreTheRecordsOriginAndTheStoreStampsTheImport() throws {
        let hetao = HetaoProcess()
        let user = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        let spoofed = "kind,subject,as_of,percent,source,recorded_at,recorded_by\n"
            + "progress,B1-B,2026-11-01,31,site report,2026-01-01T00:00:00Z,alice\n"
        let imported = try hetao.run("import", "-", input: spoofed, environment: ["HETAO_RECORDED_BY": "alice"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr == "hetao: note: HETAO_RECORDED_BY is set by hetao serve for its sessions only; recording as \(user)\n")
        // Times read in the viewer's zone, named once.
        let history = try hetao.run("history", "B1-B", environment: ["TZ": "Asia/Hong_Kong"]).stdout
        #expect(history.hasPrefix("History of B1-B (1 record; times in HKT)\n"), "\(history)")
        let line = try #require(history.split(separator: "\n").first { $0.contains("imported") })
        #expect(line.wholeMatch(of: try Regex("      imported 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d by \(user), originally recorded "
                                              + "2026-01-01 08:00:00 by alice; source: site report")) != nil, "\(line)")
        #expect(!line.contains("imported 2026-01-01"))
        // As known in June, the figure is not there; the changes since today have it.
        let june = try hetao.run("report", "--section", "buildings", "--format", "csv", "--as-known-on", "2026-06-30").stdout
        #expect(!june.contains(",31,"))
        var today = time(nil)
        var parts = tm()
        localtime_r(&today, &parts)
        let day = String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
        let changes = try hetao.run("report", "--section", "changes", "--format", "csv", "--since", day).stdout
        #expect(changes.contains(",B1-B,progress,") && changes.contains(",\(user),site report,"), "\(changes)")
        // A record made with the same name set is the OS user's too.
        try hetao.run("record", "progress", "B1-B", "35", "--source", "walk", environment: ["HETAO_RECORDED_BY": "alice"])
        #expect(try hetao.run("export").stdout.split(separator: "\n").last?.hasSuffix(",\(user),,") == true)
    }

    /// A store from before v5 kept whatever an import said as `recorded_at`: shown, never obeyed.
    @Test func anOldStampWithAnEscapeSequenceIsShownNotObeyed() throws {
        let hetao = HetaoProcess()
        try hetao.run("history", "B8")
        try DatabaseQueue(path: hetao.store).write { db in
            try db.execute(sql: """
                DROP TRIGGER record_is_stamped_by_the_store;
                INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source, percent)
                VALUES ('progress', 'B1-C', '2026-11-21', char(27) || '[31mRED' || char(27) || '[0m', 'old import', 's', 31)
                """)
        }
        let history = try hetao.run("history", "B1-C")
        #expect(history.status == 0 && hasNoControlBytes(history.stdout))
        #expect(history.stdout.contains("recorded \\e[31mRED\\e[0m by old import"), "\(history.stdout)")
    }

    @Test func escapeSequencesInInputAreShownNotObeyed() throws {
        let hetao = HetaoProcess()
        let hostile = "B1\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"
        for arguments in [["record", "progress", hostile, "50", "--source", "x"], ["history", hostile]] {
            let result = try hetao.run(arguments: arguments)
            #expect(result.status == 65)
            #expect(hasNoControlBytes(result.stderr), "\(arguments[0])")
            #expect(result.stderr.contains("'B1\\e]0;pwned\\u{7}\\e[2J\\u{9B}31m'"), "\(result.stderr)")
        }
        let csv = hetao.folder.path("hostile.csv")
        try "kind,subject,as_of,percent,source\nprogress,B9,2026-11-01,\(hostile),x\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try hetao.run("import", csv)
        #expect(imported.status == 65 && hasNoControlBytes(imported.stderr))
        #expect(imported.stderr.contains("percent 'B1\\e]0;pwned"))
        // The argument parser's own messages go through the same escaping.
        let parser = try hetao.run("record", "progress", "B9", hostile, "--source", "x")
        #expect(parser.status == 64 && hasNoControlBytes(parser.stderr))
    }

    @Test func aLineBreakInANoteCannotForgeAHistoryLine() throws {
        let hetao = HetaoProcess()
        try hetao.run("record", "progress", "B1-A", "50", "--source", "site\nreport", "--note", "fine\n#99  2026-11-24  progress  100%")
        let history = try hetao.run("history", "B1-A").stdout
        #expect(!history.split(separator: "\n").contains { $0.hasPrefix("#99") })
        #expect(history.contains("source: site↵report; note: fine↵#99  2026-11-24  progress  100%"))
    }

    @Test func aCorrectionNamesARecordThatCanExist() throws {
        let hetao = HetaoProcess()
        for value in ["-1", "0"] {
            let result = try hetao.run("record", "progress", "B1-A", "50", "--source", "x", "--supersedes=\(value)")
            #expect(result.status == 64)
            #expect(result.stderr.contains("--supersedes \(value) is not a record id"), "\(result.stderr)")
        }
    }

    @Test func valuesThatLookLikeNumbersButAreNotAreRefused() throws {
        let hetao = HetaoProcess()
        let cases: [([String], Int32, String)] = [
            (["record", "progress", "B1-A", "0x32"], 64, "percent '0x32' is not a number"),
            (["record", "spend", "batch-1-construction", "--committed", "0x10"], 64, "--committed '0x10' is not an amount"),
            (["record", "spend", "batch-1-construction", "--committed", "0.4"], 64, "is not a whole number of dollars"),
            (["record", "spend", "batch-1-construction", "--committed", "8.9e18"], 64, "--committed '8.9e18' is not an amount"),
            (["record", "spend", "batch-1-construction", "--committed", "8900000000000000000"], 65, "is more than HK$1,000,000 million"),
            (["record", "milestone", "B1-A", "completion", "--forecast", "0001-01-01"], 65, "the forecast 0001-01-01 is outside 1990-2100"),
            (["record", "milestone", "B1-A", "--forecast", "2027-01-01"], 65, "a milestone of building B1-A names its event"),
            (["record", "progress", "B1-A", "-1"], 64, "-1 was read as an option"),
        ]
        let before = try hetao.run("export").stdout
        for (arguments, status, message) in cases {
            let result = try hetao.run(arguments: arguments + ["--source", "x"])
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try hetao.run("export").stdout == before)
    }

    @Test func aDamagedRowIsNamedAndEverythingElseKeepsWorking() throws {
        let hetao = HetaoProcess()
        try hetao.run("record", "progress", "B1-C", "31", "--source", "ok", "--as-of", "2026-11-21")
        // A tool that ignores the store's rules (it drops the stamping trigger) writes nonsense.
        try DatabaseQueue(path: hetao.store).write { db in
            try db.execute(sql: """
                DROP TRIGGER record_is_stamped_by_the_store;
                INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source, percent)
                VALUES ('progress', 'B1-C', '2026-11-24', 'x', 'another tool', 's', 'abc')
                """)
        }
        let report = try hetao.run("report", "--section", "buildings", "--format", "csv")
        #expect(report.status == 0 && report.stdout.contains(",Site C,"))
        #expect(report.stderr.contains("cannot be read: percent 'abc' is not a number; showing #"), "\(report.stderr)")
        let exported = try hetao.run("export")
        #expect(exported.status == 65)
        #expect(exported.stderr.contains("cannot be read: percent 'abc' is not a number"))
        #expect(exported.stdout.contains(",ok,"))
        #expect(try hetao.run("history", "B1-C").stdout.contains("31%"))
    }

    @Test func anotherDatabaseIsLeftAloneAndNothingIsCreatedByAccident() throws {
        let hetao = HetaoProcess()
        let other = hetao.folder.path("invoices.sqlite")
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE invoice (id INTEGER PRIMARY KEY)") }
        let refused = try hetao.run("report", store: other)
        #expect(refused.status == 65 && refused.stderr.contains("not a hetao status store; it was left unchanged"))
        #expect(try DatabaseQueue(path: other).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master") } == ["invoice"])

        let csv = hetao.folder.path("batch.csv")
        try "kind,subject,as_of,percent,source\nprogress,B9,2026-11-01,50,x\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let fresh = hetao.folder.path("fresh.sqlite")
        #expect(try hetao.run("import", csv, "--dry-run", store: fresh).status == 0)
        #expect(!FileManager.default.fileExists(atPath: fresh))
        try "kind,subject,as_of,percent,source\nprogress,B9,2026-11-01,500,x\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try hetao.run("import", csv, store: fresh).status == 65)
        #expect(try FileManager.default.contentsOfDirectory(atPath: hetao.folder.url.path).filter { $0.hasPrefix("fresh") } == [])

        let empty = hetao.folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let initialised = try hetao.run("report", "--section", "overview", store: empty)
        #expect(initialised.status == 0 && initialised.stderr.contains("was an empty file; it is now a new status store"))
    }
}
