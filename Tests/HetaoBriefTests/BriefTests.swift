import HetaoBundled
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HetaoData
import HetaoDomain
import HetaoText
import TerminalKit
import Testing
@testable import HetaoBrief

@Suite struct BriefTests {
    let programme = try! BundledDataset.load()

    private func brief(_ p: Programme? = nil, language: Language = .english, changes: [NetChange] = [],
                       progress: [ProgressPoint] = []) -> Brief {
        let p = p ?? programme
        let day = p.asOf
        return Brief(programme: p, reckoning: Reckoning(today: day), period: day.adding(days: -6)...day, changes: changes,
                     derived: [], progress: .reports(progress), language: language)
    }

    /// The S-curve draws the reports read from the store, a point each day something was reported.
    @Test func theSCurveDrawsTheReportsRead() throws {
        let days = ["2026-03-02", "2026-06-01", "2026-09-01"].compactMap(Day.init(iso:))
        let points = days.enumerated().flatMap { i, day in
            ["B1-A", "B1-B"].map { ProgressPoint(subject: $0, asOf: day, percent: Double(20 * (i + 1))) }
        }
        let curve = try #require(brief(progress: points).sCurve)
        #expect(curve.curve.reported.map(\.day) == days)
        #expect(curve.svg().components(separatedBy: "<circle").count - 1 == days.count)
    }

    /// A programme with trouble: Site A far behind its plan, Site B forecast 200 days late.
    private var troubled: Programme {
        var p = programme
        let a = p.buildings.firstIndex { $0.id == "B1-A" }!, b = p.buildings.firstIndex { $0.id == "B1-B" }!
        p.buildings[a].percentComplete = Sourced(40, source: "illustrative")
        let baseline = p.buildings[b].completion.baseline!.day
        p.buildings[b].completion.forecast = DatedValue(day: baseline.adding(days: 200), sourceID: "illustrative")
        return p
    }

    /// What needs attention: the slip, the building far behind its plan and the milestone
    /// overdue, each with its sources by number; the headline says what makes it "at risk".
    @Test func attentionListsWhatIsLateBehindOrOverdue() throws {
        let b = brief(troubled)
        let attention = try #require(b.parts.first { $0.id == "attention" }?.tables.first)
        let what = Dictionary(attention.rows.map { ($0[0].text, $0[1].text) }, uniquingKeysWith: { a, _ in a })
        #expect(what["Batch 1 site B"]?.hasPrefix("completion +200 d*: baseline 2027-06-30*, forecast 2028-01-16*") == true)
        #expect(what["Batch 1 site A"]?.contains("behind plan: planned") == true)
        #expect(what.keys.contains { $0.hasPrefix("90% occupancy") })
        #expect(attention.rows.allSatisfy { !$0[2].raw.isEmpty })
        let headline = try #require(b.parts.first?.tables.first)
        #expect(headline.rows[0][1].text.hasPrefix("at risk: 1 building(s) forecast late; 1 building(s) behind plan"))
        // The bundled programme: nothing late or far behind, one milestone overdue.
        #expect(brief().parts.first?.tables.first?.rows[0][1].text == "on track")
    }

    /// Every number a row cites leads to a source in the list, and every source listed is cited.
    @Test func everyCitationLeadsToTheNumberedList() {
        let b = brief(troubled)
        let cited = Set(b.parts.flatMap { $0.tables }.flatMap { $0.rows }.compactMap { $0.last }.filter { !$0.raw.isEmpty }
            .flatMap { $0.raw.split(separator: " ").compactMap { Int($0) } })
        #expect(cited == Set(1...b.sources.count))
        let html = b.html()
        for n in cited { #expect(html.contains("<li id=\"s\(n)\">") && html.contains("href=\"#s\(n)\"")) }
        #expect(b.sources.contains { $0.confidence == .illustrative })
        #expect(html.contains("<span class=\"ill\">"))
    }

    /// One self-contained page: inline SVG and CSS, no script, nothing fetched, within 300 KB.
    @Test func theHTMLIsOneSelfContainedPage() {
        let html = brief().html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("http-equiv"))
        #expect(!html.contains("url("))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.utf8.count < 300_000)
        for heading in ["Where it stands", "Needs attention", "The money", "Changes", "Sources"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
        }
    }

    /// The same page in Traditional Chinese, with fonts that have the glyphs named.
    @Test func theChinesePageIsChineseThroughout() {
        let html = brief(language: .traditionalChinese).html()
        #expect(html.contains("<html lang=\"zh-Hant\">"))
        #expect(html.contains("每週簡報") && html.contains("<h2>現況</h2>") && html.contains("Noto Sans CJK TC"))
        #expect(html.contains("172.58億"))
    }

    /// Each picture is an SVG document on its own, with a size, for Markdown to link.
    @Test func eachPictureIsWellFormedSVGWithASize() throws {
        let b = brief(troubled)
        #expect(b.pictures.map(\.name) == ["gantt.svg", "s-curve.svg", "budget.svg"])
        for (name, svg) in b.pictures {
            let parser = XMLParser(data: Data(svg.utf8))
            let sizes = SizeReader()
            parser.delegate = sizes
            #expect(parser.parse(), "\(name): \(parser.parserError.map(String.init(describing:)) ?? "")")
            #expect(sizes.width > 0 && sizes.height > 0, "\(name)")
        }
        let markdown = b.markdown(pictures: true)
        #expect(markdown.contains("![Schedule: baseline and forecast") && markdown.contains("](gantt.svg)"))
        #expect(!b.markdown(pictures: false).contains(".svg)"))
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(Set(headings).count == headings.count)
    }

    /// A name from data cannot become markup on the page or in a picture.
    @Test func dataIsEscapedEverywhere() {
        var p = programme
        p.buildings[0].nameEN = "<script>alert(1)</script> & \u{1B}[31m"
        p.buildings[0].completion.actual = nil
        let b = brief(p)
        for text in [b.html()] + b.pictures.map(\.svg) {
            #expect(!text.contains("<script>") && !text.contains("\u{1B}"))
        }
        #expect(b.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"))
        #expect(b.gantt.svg().contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    /// Plain text fits the width, Chinese measured in cells, and breaks no word.
    @Test(arguments: [Language.english, .traditionalChinese])
    func textFitsTheWidth(language: Language) {
        let text = brief(troubled, language: language).text(width: 80)
        #expect(text.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= 80 })
        #expect(text.contains(language == .english ? "NEEDS ATTENTION" : "需要注意"))
    }

    /// A programme too big to draw a row a building: a row a batch, and every building in the appendix.
    @Test func aBigProgrammeHasARowABatchAndAnAppendix() {
        var p = programme
        let template = p.buildings.first { $0.id == "B1-A" }!
        p.buildings += (1...60).map { i in
            var b = template
            b.id = "X\(i)"
            b.nameEN = "Extra building \(i)"
            return b
        }
        let b = brief(p)
        #expect(b.appendix?.rows.count == p.buildings.count)
        let gantt = b.gantt.svg()
        #expect(!gantt.contains("Extra building") && gantt.contains("Batch 1"))
        #expect(b.html().contains("<section id=\"appendix\">") && b.html().contains("Extra building 60"))
    }
}

/// The size an SVG declares on its root element.
private final class SizeReader: NSObject, XMLParserDelegate {
    var width = 0.0, height = 0.0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard name == "svg" else { return }
        width = Double(attributes["width"] ?? "") ?? 0
        height = Double(attributes["height"] ?? "") ?? 0
    }
}
