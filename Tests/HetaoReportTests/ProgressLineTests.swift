import HetaoReport
import TerminalKit
import Testing

@Suite struct ProgressLineTests {
    @Test func showsTheStageABarTheCountsTheRateAndTheTimeLeft() {
        let line = ProgressLine.render(task: "importing", stage: "checking", done: 61_440, total: 100_000, unit: "rows",
                                       seconds: 1.5, width: 100, glyphs: .unicode)
        // 61,440 rows in 1.5 s is 40,960 a second; the 38,560 left take 0.94 s, shown as 1 s.
        #expect(line == "importing: checking ██████████████████▍···········  61,440/100,000 rows  40,960 rows/s  1 s left")
        #expect(TextWidth.of(line) <= 99)
    }

    @Test func aFinishedStageHasNoTimeLeftAndAJustStartedOneNoRate() {
        #expect(ProgressLine.render(task: "exporting", stage: "writing", done: 2_000, total: 2_000, unit: "records",
                                    seconds: 4, width: 80, glyphs: .ascii)
                == "exporting: writing ########################  2,000/2,000 records  500 records/s")
        #expect(ProgressLine.render(task: "exporting", stage: "reading", done: 1_024, total: 1_000_000, unit: "records",
                                    seconds: 0.1, width: 80, glyphs: .ascii)
                == "exporting: reading ..............................  1,024/1,000,000 records")
    }

    @Test func longWorkSaysMinutesAndHoursAndANarrowTerminalLosesTheBarFirst() {
        let slow = ProgressLine.render(task: "importing", stage: "writing", done: 1_000, total: 1_000_000, unit: "records",
                                       seconds: 10, width: 120, glyphs: .ascii)
        #expect(slow.hasSuffix("100 records/s  2 h 46 min left"))
        let minutes = ProgressLine.render(task: "importing", stage: "writing", done: 50_000, total: 250_000, unit: "records",
                                          seconds: 50, width: 120, glyphs: .ascii)
        #expect(minutes.hasSuffix("1,000 records/s  3 min 20 s left"))
        let narrow = ProgressLine.render(task: "importing", stage: "writing", done: 500, total: 1_000, unit: "records",
                                         seconds: 1, width: 60, glyphs: .ascii)
        #expect(narrow == "importing: writing 500/1,000 records  500 records/s  1 s l~")
        #expect(TextWidth.of(narrow) == 59)
    }
}
