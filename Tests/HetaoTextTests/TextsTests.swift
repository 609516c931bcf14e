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
        #expect(zh.money(HKD(millions: 517.6)) == "港幣5.18億")
        #expect(zh.money(HKD(millions: 50)) == "港幣5,000萬")
        #expect(zh.money(HKD(dollars: 5000)) == "港幣5,000")
        #expect(zh.money(HKD(millions: -300)) == "-港幣3億")
        #expect(Texts.english.money(HKD(millions: 18135)) == "HK$18.1 bn")
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
}
