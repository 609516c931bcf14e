import Testing
@testable import HetaoDomain

@Suite struct DayTests {
    @Test func parsesOnlyRealCalendarDays() {
        #expect(Day(iso: "2025-12-22")?.iso == "2025-12-22")
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2025-02-29") == nil)
        #expect(Day(iso: "2025-13-01") == nil)
        #expect(Day(iso: "2025-1-01") == nil)
        #expect(Day(iso: "next year") == nil)
        // Exactly ten ASCII characters: no trailing text, other separators or other digits.
        for text in ["2025-12-221", "2025-12-2", "2025/12/22", "２０２５-12-22", "2025-12-2x", "0000-01-01", "", "-2025-12-2"] {
            #expect(Day(iso: text) == nil, "\(text)")
        }
    }

    @Test func differencesCountCalendarDays() {
        // 2024 is a leap year: Dec 2024 to Dec 2025 is 365 days; Feb 28 to Mar 1 2024 is 2.
        #expect(Day(iso: "2024-12-01")!.days(until: Day(iso: "2025-12-01")!) == 365)
        #expect(Day(iso: "2024-02-28")!.days(until: Day(iso: "2024-03-01")!) == 2)
        #expect(Day(iso: "2027-06-30")!.days(until: Day(iso: "2028-09-30")!) == 458)
        #expect(Day(iso: "1970-01-01")!.ordinal == 0)
        #expect(Day(ordinal: Day(iso: "2035-07-15")!.ordinal).iso == "2035-07-15")
    }

    @Test func publishedPrecisionsParseAndEndWhereTheirPeriodEnds() throws {
        let cases: [(String, DatePrecision, String, String)] = [
            ("2025-12-22", .day, "2025-12-22", "2025-12-22"),
            ("2024-02", .month, "2024-02-01", "2024-02-29"),
            ("2026-Q1", .quarter, "2026-01-01", "2026-03-31"),
            ("2026-H2", .half, "2026-07-01", "2026-12-31"),
            ("2030", .year, "2030-01-01", "2030-12-31"),
        ]
        for (text, precision, first, last) in cases {
            let (day, parsed) = try #require(DatePrecision.parse(text))
            #expect(parsed == precision)
            #expect(day.iso == first)
            #expect(precision.lastDay(from: day).iso == last)
            #expect(precision.format(day) == text)
        }
        #expect(DatePrecision.parse("2026-Q5") == nil)
        #expect(DatePrecision.parse("end of 2024") == nil)
    }
}

@Suite struct MoneyTests {
    /// Budget papers state money in millions, exactly: so does every output with the room.
    @Test func readsAtThePrecisionItWasPublished() {
        #expect(HKD(millions: 18135).formatted == "HK$18,135 million")
        #expect(HKD(millions: 517.6).formatted == "HK$517.6 million")
        #expect(HKD(millions: 16950).formatted == "HK$16,950 million")
        #expect(HKD(millions: 999.96).formatted == "HK$999.96 million")
        #expect(HKD(dollars: 12_900_000_001).formatted == "HK$12,900.000001 million")
        #expect(HKD(dollars: 877_000).formatted == "HK$877,000")
        #expect(HKD(millions: -300).formatted == "-HK$300 million")
    }

    /// Where a column is narrow: the figure's own digits in billions or millions; three
    /// significant figures only for a figure with more, so 16.95 beside 17.258 never reads 17.0.
    @Test func aNarrowColumnKeepsTheDigitsAFigureHas() {
        #expect(HKD(millions: 16950).compact == "HK$16.95 bn")
        #expect(HKD(millions: 17258).compact == "HK$17.258 bn")
        #expect(HKD(millions: 18135).compact == "HK$18.135 bn")
        #expect(HKD(millions: 6000).compact == "HK$6 bn")
        #expect(HKD(millions: 877).compact == "HK$877 m")
        #expect(HKD(millions: 517.6).compact == "HK$517.6 m")
        #expect(HKD(millions: 517.65).compact == "HK$518 m")
        #expect(HKD(dollars: 12_900_000_001).compact == "HK$12.9 bn")
        #expect(HKD(dollars: 9_996_000_001).compact == "HK$10 bn")
        #expect(HKD(millions: -300).compact == "-HK$300 m")
        #expect(HKD(millions: 999_999).compact.count <= 14)
    }

    /// What is computed from published figures (earned value) is stated to their precision.
    @Test func aComputedFigureIsReadToTheMillion() {
        #expect(HKD(dollars: 15_857_234_567).estimate == "HK$15,857 million")
        #expect(HKD(dollars: -4_970_500_000).estimate == "-HK$4,971 million")
    }

    @Test func moneyIsReadExactlyInWholeDollars() throws {
        #expect(try HKD.parse("12.4bn") == HKD(dollars: 12_400_000_000))
        #expect(try HKD.parse("HK$877m") == HKD(dollars: 877_000_000))
        #expect(try HKD.parse("12,400 m") == HKD(dollars: 12_400_000_000))
        #expect(try HKD.parse("16950000000") == HKD(dollars: 16_950_000_000))
        #expect(throws: HKD.ParseError.notAnAmount) { try HKD.parse("0x10") }
        #expect(throws: HKD.ParseError.notAnAmount) { try HKD.parse("8.9e18") }
        #expect(throws: HKD.ParseError.notWholeDollars) { try HKD.parse("0.4") }
        #expect(throws: HKD.ParseError.notWholeDollars) { try HKD.parse("1.0000000001bn") }
        #expect(throws: HKD.ParseError.tooLarge) { try HKD.parse("99999999999bn") }
        #expect(DecimalText.number("0x32") == nil && DecimalText.number("nan") == nil && DecimalText.number("1e2") == nil)
        #expect(DecimalText.number("52.5") == 52.5 && DecimalText.number("-1") == -1)
    }

    @Test func holdsExactDollars() {
        #expect(HKD(millions: 517.6).dollars == 517_600_000)
        #expect(HKD(millions: 268.3).dollars == 268_300_000)
        #expect((HKD(millions: 17258) + HKD(millions: 877)).dollars == 18_135_000_000)
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsCloseTyposOnly() {
        #expect(Suggestion.closest(to: "B99", in: ["B8", "B9", "B11"]) == "B9")
        #expect(Suggestion.closest(to: "storys", in: ["storeys", "status"]) == "storeys")
        #expect(Suggestion.closest(to: "completely-different", in: ["B8", "B9"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        // Two neighbours swapped are one typo.
        #expect(Suggestion.editDistance("ligth", "light") == 1)
        #expect(Suggestion.closest(to: "ligth", in: ["dark", "light"]) == "light")
    }
}
