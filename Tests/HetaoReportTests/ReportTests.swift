import HetaoBundled
import CSV
import Foundation
import HetaoData
import HetaoDomain
import HetaoText
import TerminalKit
import Testing
@testable import HetaoReport

@Suite struct ReportTests {
    let programme = try! BundledDataset.load()

    private func json(_ sections: [ReportSection] = ReportSection.allCases) throws -> [String: Any] {
        let text = Report(programme: programme, reckoning: Reckoning(today: programme.asOf), sections: sections).render(.json)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func scheduleAndEarnedValueSectionsAgreeWithTheDomainAndMarkIllustrativeInputs() throws {
        let day = Day(iso: "2026-11-20")!
        let text = Report(programme: programme, reckoning: Reckoning(today: day), sections: [.schedule, .evm]).render(.json)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["day"] as? String == "2026-11-20")
        let schedule = try #require(root["schedule"] as? [[String: Any]])
        #expect(schedule.count == programme.buildings.count)
        let siteA = try #require(schedule.first { $0["id"] as? String == "B1-A" })
        #expect(siteA["plan_shape"] as? String == "s-curve" && siteA["plan_start"] as? String == "2025-01-01")
        #expect(siteA["plan_finish"] as? String == "2027-03-31" && siteA["illustrative"] as? Bool == true)
        let evm = try #require(root["evm"] as? [[String: Any]])
        #expect(evm.map { $0["id"] as? String } == ["batch-1-construction"])
        let batch1 = try #require(programme.allocation("batch-1-construction"))
        let expected = try #require(programme.earnedValue(of: batch1, on: day))
        #expect(evm[0]["bac_hkd"] as? Int64 == 17_258_000_000 && evm[0]["ac_hkd"] as? Int64 == 12_400_000_000)
        #expect(evm[0]["pv_hkd"] as? Int64 == Int64(expected.plannedValue.rounded()))
        #expect(evm[0]["spi"] as? Double == expected.schedulePerformance && evm[0]["illustrative"] as? Bool == true)
        // CSV keys stay the same whatever the day; text marks illustrative figures with *.
        let csv = Report(programme: programme, reckoning: Reckoning(today: day), sections: [.evm]).render(.csv)
        #expect(csv.hasPrefix("table,id,name,bac_hkd,pv_hkd,ev_hkd,ac_hkd,sv_hkd,cv_hkd,spi,cpi,eac_hkd,eac_at_budget_rate_hkd,etc_hkd,vac_hkd,illustrative\n"))
        let plain = Report(programme: programme, reckoning: Reckoning(today: day), sections: [.evm], width: 1000).render(.text)
        #expect(plain.contains("PV on 2026-11-20") && plain.contains("HK$12,400 million*"))
    }

    @Test func jsonHoldsTheSeedFactsEachWithItsSource() throws {
        let root = try json()
        #expect(root["schema"] as? String == "hetao-report/3")
        #expect(root["as_of"] as? String == "2026-11-20")
        let budget = try #require(root["budget"] as? [[String: Any]])
        let lifeHealth = try #require(budget.first { $0["id"] as? String == "life-health" })
        #expect(lifeHealth["amount_hkd"] as? Int64 == 10_000_000_000)
        #expect(lifeHealth["source"] as? String == "budget-2022-23")
        #expect(lifeHealth["unallocated_hkd"] as? Int64 == 1_800_000_000)
        let scheme = try #require((lifeHealth["children"] as? [[String: Any]])?.first)
        #expect(scheme["amount_hkd"] as? Int64 == 6_000_000_000)
        #expect(scheme["share_of_parent"] as? Double == 0.6)
        let ai = try #require(budget.first { $0["id"] as? String == "ai-institute" })
        #expect(ai["amount_hkd"] as? Int64 == 1_000_000_000)

        let buildings = try #require(root["buildings"] as? [[String: Any]])
        #expect(buildings.filter { $0["batch"] as? String == "p1-batch-1" }.count == 8)
        #expect(buildings.filter { $0["status"] as? String == "completed" }.count == 3)
        let siteA = try #require(buildings.first { $0["id"] as? String == "B1-A" })
        let progress = try #require(siteA["percent_complete"] as? [String: Any])
        #expect(progress["confidence"] as? String == "illustrative")
        #expect(siteA["placeholder"] as? Bool == true)

        let phases = try #require(root["phases"] as? [[String: Any]])
        #expect(phases.map { $0["name"] as? String } == ["Phase 1 (west)", "Phase 2 (east)"])
        let overview = try #require(root["overview"] as? [String: Any])
        let parks = try #require(overview["parks"] as? [[String: Any]])
        #expect(parks.count == 3)
        let sources = try #require(root["sources"] as? [[String: Any]])
        let ids = Set(sources.compactMap { $0["id"] as? String })
        // Every source a figure points to is listed with its confidence.
        for figure in try #require(overview["figures"] as? [[String: Any]]) {
            #expect(ids.contains(figure["source"] as? String ?? ""))
        }
        let milestones = try #require(root["milestones"] as? [[String: Any]])
        #expect(milestones.contains { $0["id"] as? String == "blueprint" })
    }

    @Test func jsonHoldsOnlyTheAskedSections() throws {
        let root = try json([.budget])
        #expect(root["budget"] != nil)
        #expect(root["buildings"] == nil)
        #expect(root["title"] as? String == programme.title)
    }

    @Test func textReadsMoneyLikePeopleAndMarksIllustrativeValues() {
        // Wide enough for a row a line.
        let text = Report(programme: programme, reckoning: Reckoning(today: programme.asOf), sections: [.budget, .buildings], width: 1000).render(.text)
        #expect(text.contains("* illustrative: not published"))
        #expect(text.contains("HK$6,000 million"))
        #expect(text.contains("HK$877 million"))
        #expect(text.contains("HK$517.6 million"))
        let siteD = text.split(separator: "\n").first { $0.contains("Batch 1 site D") }
        #expect(siteD?.contains("62%*") == true)
        #expect(siteD?.contains("0 d*") == true)
        #expect(siteD?.contains("dry lab*") == true)
        let b8 = text.split(separator: "\n").first { $0.contains("Building 8 (wet") }
        #expect(b8?.contains("100%") == true)
        #expect(b8?.contains("100%*") == false)
    }

    @Test func csvIsOneParseableTablePerSectionTableWithExactNumbers() throws {
        let text = Report(programme: programme, reckoning: Reckoning(today: programme.asOf), sections: [.budget]).render(.csv)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        #expect(reader.headerRow?.first == "table")
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        let header = try #require(reader.headerRow)
        let amount = try #require(header.firstIndex(of: "amount_hkd"))
        let illustrative = try #require(header.firstIndex(of: "illustrative"))
        let construction = try #require(rows.first { $0[1] == "batch-1-construction" })
        #expect(construction[amount] == "17258000000")
        #expect(construction[illustrative] == "committed_hkd spent_hkd")
        #expect(rows.count == programme.allAllocations.count)
    }

    @Test func markdownEscapesTableSeparators() {
        var p = programme
        p.parks[0].role = "research | pilot"
        let text = Report(programme: p, reckoning: Reckoning(today: p.asOf), sections: [.overview]).render(.markdown)
        #expect(text.contains("research \\| pilot"))
    }

    @Test func controlCharactersFromDataNeverReachTheOutput() {
        var p = programme
        p.buildings[0].nameEN = "Building\u{1B}[31m 8\u{07}"
        for format in [ReportFormat.text, .markdown, .csv, .json] {
            let out = Report(programme: p, reckoning: Reckoning(today: p.asOf), sections: [.buildings], width: 300).render(format)
            #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(format)")
        }
    }

    /// `hetao report > f.txt` pastes into an email: every line fits the width, in cells (a
    /// Chinese character is two), and no word of any cell is broken across lines.
    @Test(arguments: [Language.english, .traditionalChinese], [80, 100])
    func textFitsTheWidthAndBreaksNoWord(language: Language, width: Int) {
        let report = Report(programme: programme, reckoning: Reckoning(today: programme.asOf), width: width, language: language)
        let out = report.render(.text)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { TextWidth.of(String($0)) <= width })
        let printed = Set(out.split(whereSeparator: \.isWhitespace).map(String.init))
        let words = Set(report.tables.flatMap { $0.rows.flatMap { $0 } }.flatMap { $0.text.split(separator: " ").map(String.init) })
            .filter { word in !word.contains { TextWidth.of($0) == 2 || "/?&=".contains($0) } }
        #expect(words.count > 200)
        for word in words {
            #expect(printed.contains(word) || printed.contains(word + "*"), "\(word)")
        }
        // Chinese runs on between characters: not a character a line.
        #expect(lines.count < (language == .english ? 1_400 : 1_100))
    }

    /// Markdown for an email or a wiki: one heading per section, no heading twice.
    @Test func markdownHasOneHeadingPerSection() {
        let md = Report(programme: programme, reckoning: Reckoning(today: programme.asOf)).render(.markdown)
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings.count == 1 + ReportSection.allCases.count)
        #expect(Set(headings).count == headings.count)
        #expect(md.contains("## Changes\n\n**What changed"))
        #expect(md.contains("| Id | Kind | From | To |"))
    }

    @Test func aLineBreakInDataShowsAsAMarkInsteadOfStartingALine() {
        var p = programme
        p.buildings[0].nameEN = "Building 8\nFORGED: all buildings completed\u{2028}FORGED TOO"
        for format in [ReportFormat.text, .markdown] {
            let out = Report(programme: p, reckoning: Reckoning(today: p.asOf), sections: [.buildings], width: 1000).render(format)
            #expect(!out.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("FORGED") }, "\(format)")
            #expect(out.contains("Building 8↵FORGED: all buildings completed↵FORGED TOO"), "\(format)")
        }
    }

    @Test func csvCellsASpreadsheetWouldRunStartWithAQuote() throws {
        var p = programme
        p.buildings[0].nameEN = "=HYPERLINK(\"http://example.com\",\"x\")"
        let text = Report(programme: p, reckoning: Reckoning(today: p.asOf), sections: [.buildings]).render(.csv)
        #expect(text.contains("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\""))
        let rows = try CSVReader(string: text, hasHeaderRow: true)
        while let row = rows.next() {
            #expect(!row.contains { ["=", "+", "@"].contains($0.first) })
        }
    }

    @Test func jsonCarriesNoC1ControlsDELOrLineSeparatorsYetKeepsTheValue() throws {
        var p = programme
        p.buildings[0].nameEN = "B8\u{9B}2J\u{7F}\u{85}\u{2028}end"
        let out = Report(programme: p, reckoning: Reckoning(today: p.asOf), sections: [.buildings]).render(.json)
        #expect(!out.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 })
        #expect(out.contains("B8\\u009B2J\\u007F\\u0085\\u2028end"))
        let decoded = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        let buildings = decoded?["buildings"] as? [[String: Any]]
        #expect(buildings?.first?["name_en"] as? String == "B8\u{9B}2J\u{7F}\u{85}\u{2028}end")
    }

    @Test func theReportReadsInChineseAndItsCSVKeepsExactValues() throws {
        let text = Report(programme: programme, reckoning: Reckoning(today: programme.asOf),
                          sections: [.overview, .buildings, .budget], width: 200, language: .traditionalChinese).render(.text)
        #expect(text.hasPrefix("河套香港園區建設計劃（資料截至 2026年11月20日：資料集）"))
        for phrase in ["概覽", "河套香港園區概況", "港幣181.35億", "已落成", "2025年9月", "+244 日", "第一批 甲地盤", "濕實驗室*"] {
            #expect(text.contains(phrase), "\(phrase)")
        }
        #expect(!text.contains("HK$") && !text.contains("completed"))
        let markdown = Report(programme: programme, reckoning: Reckoning(today: programme.asOf), sections: [.phases], language: .traditionalChinese).render(.markdown)
        #expect(markdown.contains("# 河套香港園區建設計劃") && markdown.contains("## 分期") && markdown.contains("| 分期 |"))
        let csv = Report(programme: programme, reckoning: Reckoning(today: programme.asOf), sections: [.buildings], language: .traditionalChinese).render(.csv)
        let reader = try CSVReader(string: csv, hasHeaderRow: true)
        #expect(reader.headerRow?.prefix(4) == ["表格", "編號", "大樓", "English"])
        let b8 = try #require(reader.next())
        #expect(b8[1] == "8" && b8[6] == "completed" && b8[9] == "by 2025-09-01" && b8[10] == "244")
        let json = Report(programme: programme, reckoning: Reckoning(today: programme.asOf), sections: [.buildings], language: .traditionalChinese).render(.json)
        #expect(json == Report(programme: programme, reckoning: Reckoning(today: programme.asOf), sections: [.buildings]).render(.json))
    }
}
