import HetaoAudit
import HetaoDomain
import HetaoServe
import Testing

@Suite struct CommandWordsTests {
    @Test func wordsSplitAsTheShellSplitsThem() throws {
        #expect(try CommandWords.split("record progress B1-A 64 --source 'site report 47'")
            == ["record", "progress", "B1-A", "64", "--source", "site report 47"])
        #expect(try CommandWords.split(#"history  "B8"   "#) == ["history", "B8"])
        #expect(try CommandWords.split(#"a\ b "c \"d\" \$e \x" 'f\g' ''"#) == ["a b", #"c "d" $e \x"#, #"f\g"#, ""])
        #expect(try CommandWords.split("") == [] && (try CommandWords.split("   ")) == [])
    }

    @Test func nothingIsExpandedOrRun() throws {
        #expect(try CommandWords.split("report; rm -rf / $(id) `id` * $HOME")
            == ["report;", "rm", "-rf", "/", "$(id)", "`id`", "*", "$HOME"])
    }

    @Test func unbalancedQuotesAreRefused() {
        #expect(throws: CommandWords.SplitError.unterminatedQuote("'")) { try CommandWords.split("record 'site") }
        #expect(throws: CommandWords.SplitError.unterminatedQuote("\"")) { try CommandWords.split("record \"site") }
        #expect(throws: CommandWords.SplitError.trailingBackslash) { try CommandWords.split("record \\") }
    }
}
