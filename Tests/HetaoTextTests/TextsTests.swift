import HetaoDomain
import Testing
@testable import HetaoText

@Suite struct TextsTests {
    @Test func everyPhraseHasATextInEveryLanguage() {
        for language in Language.allCases {
            let table = Phrase.table(for: language)
            let missing = Phrase.allCases.filter { (table[$0] ?? "").isEmpty }
            #expect(missing.isEmpty, "\(language): \(missing)")
            // The same placeholders in every language, so no figure is dropped in translation.
            for phrase in Phrase.allCases {
                let english = Phrase.english[phrase] ?? ""
                let placeholders = { (text: String) in (1...4).filter { text.contains("{\($0)}") } }
                #expect(placeholders(table[phrase] ?? "") == placeholders(english), "\(language) \(phrase)")
            }
        }
    }

    @Test func moneyReadsInHundredMillionsAndTenThousandsInChinese() {
        let zh = Texts(.traditionalChinese)
        #expect(zh.money(HKD(millions: 18135)) == "港幣181.35億")
        #expect(zh.money(HKD(millions: 10000)) == "港幣100億")
        #expect(zh.money(HKD(millions: 877)) == "港幣8.77億")
        #expect(zh.money(HKD(millions: 517.6)) == "港幣5.176億")
        #expect(zh.amount(HKD(millions: 517.6)) == "5.18億")
        #expect(zh.money(HKD(dollars: 12_900_000_001)) == "港幣129.00000001億")
        #expect(zh.money(HKD(millions: 50)) == "港幣5,000萬")
        #expect(zh.money(HKD(dollars: 5000)) == "港幣5,000")
        #expect(zh.money(HKD(millions: -300)) == "-港幣3億")
        #expect(Texts.english.money(HKD(millions: 18135)) == "HK$18,135 million")
        #expect(zh.amount(HKD(millions: 18135)) == "181.35億" && Texts.english.amount(HKD(millions: 877)) == "HK$877 m")
        #expect(zh.estimate(HKD(dollars: 15_857_234_567)) == "港幣158.57億")
    }

    @Test func datesReadAtTheirPublishedPrecision() {
        let zh = Texts(.traditionalChinese)
        func dated(_ text: String) -> DatedValue {
            let (day, precision) = DatePrecision.parse(text)!
            return DatedValue(day: day, precision: precision, sourceID: "s")
        }
        #expect(zh.date(dated("2025-12-22")) == "2025年12月22日")
        #expect(zh.date(dated("2025-09")) == "2025年9月")
        #expect(zh.date(dated("2026-Q1")) == "2026年第一季")
        #expect(zh.date(dated("2026-H2")) == "2026年下半年")
        #expect(zh.date(dated("2027")) == "2027年")
        #expect(Texts.english.date(dated("2026-Q1")) == "2026-Q1")
        #expect(zh.days(274) == "+274 日" && Texts.english.days(-3) == "-3 d")
    }

    @Test func theLocaleChoosesTheLanguage() {
        #expect(Language.preferred(by: ["LANG": "zh_HK.UTF-8"]) == .traditionalChinese)
        #expect(Language.preferred(by: ["LANG": "en_GB.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"]) == .traditionalChinese)
        #expect(Language.preferred(by: ["LC_ALL": "C", "LANG": "zh_MO.UTF-8"]) == .english)
        #expect(Language.preferred(by: ["LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.preferred(by: [:]) == .english)
    }

    @Test func aRecordReadsInEitherLanguage() {
        let day = Day(iso: "2026-11-24")!
        let progress = StatusRecord(kind: .progress, subject: "B1-A", asOf: day, source: "s", percent: 61, status: .underConstruction)
        #expect(Texts.english.summary(progress) == "61% under construction")
        #expect(Texts(.traditionalChinese).summary(progress) == "61% 興建中")
        let milestone = StatusRecord(kind: .milestone, subject: "B1-A", event: .completion, asOf: day, source: "s",
                                     forecast: Day(iso: "2027-08-31"))
        #expect(Texts.english.summary(milestone) == "Completion forecast 2027-08-31")
        #expect(Texts(.traditionalChinese).summary(milestone) == "落成預計 2027年8月31日")
        let spend = StatusRecord(kind: .spend, subject: "x", asOf: day, source: "s", spent: HKD(millions: 12900))
        #expect(Texts(.traditionalChinese).summary(spend) == "已支出 港幣129億")
    }
}
