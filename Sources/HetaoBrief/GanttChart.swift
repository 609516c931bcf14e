import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit

/// The programme's Gantt chart as SVG: a row a phase, batch and building (or a batch, for a
/// big programme), each with its baseline as a thin bar and its forecast (or actual) span as a
/// thick one coloured by its lateness, its milestones as diamonds, the variance at its end, and
/// a dashed line at today.
public struct GanttChart {
    let rows: [ScheduleRow]
    let today: Day
    let texts: Texts

    static let width = 760, labelWidth = 230, varianceWidth = 64, rowHeight = 13, axisHeight = 24, legendHeight = 22

    var hasIllustrative: Bool { rows.contains(where: \.isIllustrative) }

    /// The days the axis spans: every bar and today, with a little room either side.
    private var span: ClosedRange<Day> {
        let days = rows.flatMap { [$0.baseline, $0.current].compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] } } + [today]
        let first = days.min() ?? today, last = days.max() ?? today
        return first.adding(days: -45)...last.adding(days: 45)
    }

    public func svg(standalone: Bool = false) -> String {
        let t = texts
        let height = Self.axisHeight + rows.count * Self.rowHeight + Self.legendHeight + 6
        var svg = SVG(width: Self.width, height: height, title: t[.briefGanttTitle])
        let left = Double(Self.labelWidth), right = Double(Self.width - Self.varianceWidth)
        let span = self.span
        let total = Double(max(1, span.lowerBound.days(until: span.upperBound)))
        func x(_ day: Day) -> Double { left + (right - left) * Double(span.lowerBound.days(until: day)) / total }
        // Years along the top, with a faint line down each.
        let bottom = Double(Self.axisHeight + rows.count * Self.rowHeight)
        for year in (span.lowerBound.year + 1)...max(span.lowerBound.year + 1, span.upperBound.year) {
            guard let jan = Day(year: year, month: 1, day: 1), span.contains(jan) else { continue }
            svg.line(x1: x(jan), y1: 14, x2: x(jan), y2: bottom, stroke: SVG.Colour.grid)
            svg.text(String(year), x: x(jan), y: 11, size: 9, anchor: .middle, fill: SVG.Colour.muted)
        }
        for (i, row) in rows.enumerated() {
            let mid = Double(Self.axisHeight + i * Self.rowHeight) + Double(Self.rowHeight) / 2
            let label = TextWidth.truncate(row.label.trimmedWhitespace + Format.mark(row.isIllustrative), to: 40)
            let indent = row.level == .building ? 14.0 : row.level == .batch ? 7.0 : 0
            svg.text(label, x: 2 + indent, y: mid + 3.5, size: 9, bold: row.level == .phase || row.level == .programme)
            if let baseline = row.baseline {
                svg.rect(x: x(baseline.lowerBound), y: mid + 3, width: x(baseline.upperBound) - x(baseline.lowerBound), height: 2.5,
                         fill: SVG.Colour.baseline)
            }
            if let current = row.current {
                svg.rect(x: x(current.lowerBound), y: mid - 5, width: x(current.upperBound) - x(current.lowerBound), height: 7,
                         fill: colour(row), opacity: row.isIllustrative ? 0.6 : 1)
            }
            for marker in row.markers {
                svg.diamond(x: x(marker.day), y: mid - 1.5, size: 3.5, filled: marker.isAchieved,
                            colour: marker.isOverdue ? SVG.Colour.veryLate : SVG.Colour.ink)
            }
            if !row.varianceText.isEmpty {
                svg.text(row.varianceText, x: Double(Self.width - 2), y: mid + 3.5, size: 9, anchor: .end,
                         fill: (row.variance ?? 0) > 0 && !row.isDone ? colour(row) : SVG.Colour.muted)
            }
        }
        svg.text(t[.briefVarianceHeading], x: Double(Self.width - 2), y: 11, size: 9, anchor: .end, fill: SVG.Colour.muted)
        if span.contains(today) {
            svg.line(x1: x(today), y1: 14, x2: x(today), y2: bottom, stroke: SVG.Colour.today, width: 1.2, dashed: true)
        }
        legend(&svg, y: bottom + 14)
        return svg.document(standalone: standalone)
    }

    private func colour(_ row: ScheduleRow) -> String {
        if row.isDone { return SVG.Colour.done }
        switch Lateness(slipDays: row.variance) {
        case .veryLate: return SVG.Colour.veryLate
        case .late: return SVG.Colour.late
        case .onTime, .unknown: return SVG.Colour.bar
        }
    }

    private func legend(_ svg: inout SVG, y: Double) {
        let t = texts
        var x = 2.0
        func key(_ text: String, draw: (inout SVG, Double) -> Void) {
            draw(&svg, x)
            svg.text(text, x: x + 22, y: y + 3.5, size: 9, fill: SVG.Colour.muted)
            x += 30 + Double(TextWidth.of(text)) * 5.2
        }
        key(t[.briefBaseline]) { $0.rect(x: $1, y: y, width: 18, height: 2.5, fill: SVG.Colour.baseline) }
        key(t[.briefForecast]) { $0.rect(x: $1, y: y - 3, width: 18, height: 7, fill: SVG.Colour.bar) }
        key(t[.briefDone]) { $0.rect(x: $1, y: y - 3, width: 18, height: 7, fill: SVG.Colour.done) }
        key(t[.briefLate]) { $0.rect(x: $1, y: y - 3, width: 18, height: 7, fill: SVG.Colour.late) }
        key(t[.briefVeryLate]) { $0.rect(x: $1, y: y - 3, width: 18, height: 7, fill: SVG.Colour.veryLate) }
        key(t[.briefAchieved]) { $0.diamond(x: $1 + 9, y: y, size: 3.5, filled: true, colour: SVG.Colour.ink) }
        key(t[.briefExpected]) { $0.diamond(x: $1 + 9, y: y, size: 3.5, filled: false, colour: SVG.Colour.ink) }
        key(t[.briefToday]) { $0.line(x1: $1 + 9, y1: y - 6, x2: $1 + 9, y2: y + 6, stroke: SVG.Colour.today, width: 1.2, dashed: true) }
    }
}
