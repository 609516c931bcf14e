import Testing
import TerminalKit

@Suite struct DotChartTests {
    private func text(_ chart: DotChart, unicode: Bool = true) -> [String] {
        chart.rows(unicode: unicode).map { $0.map(\.text).joined() }
    }

    @Test func aDiagonalRisesFromBottomLeftToTopRight() {
        var chart = DotChart(width: 4, height: 2)
        chart.plot(series: 0, points: [(0, 0), (1, 1)])
        let rows = text(chart)
        // 8×8 dots: the bottom-left cell holds dots 7 and 6 (⡠), the top-right dots 4 and 2 (⠊).
        #expect(rows[1].first == "⡠" && rows[0].last == "⠊")
        #expect(rows.allSatisfy { $0.count == 4 })
    }

    @Test func seriesOwnTheirCellsAndASCIIMarksThem() {
        var chart = DotChart(width: 10, height: 3)
        chart.plot(series: 0, points: [(0, 0), (1, 0)])
        chart.plot(series: 1, points: [(0, 1), (1, 1)])
        let rows = chart.rows(unicode: true)
        #expect(rows[0].count == 1 && rows[0][0].series == 1 && rows[2][0].series == 0 && rows[1][0].series == nil)
        #expect(text(chart, unicode: false) == ["**********", "          ", ".........."])
    }
}
