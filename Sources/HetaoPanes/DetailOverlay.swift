import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit

/// A detail view over the panes: every field, dates in columns, sources with confidence.
struct DetailOverlay {
    let model: DetailViewModel
    let scroll: Int
    let texts: Texts

    /// The overlay as styled lines wrapped to `width`.
    private func lines(width: Int, glyphs: GlyphSet) -> [[(String, Style)]] {
        let labelWidth = min(24, max(10, width / 3))
        var out: [[(String, Style)]] = []
        var columnRun: [[String]] = []
        func flushColumns() {
            guard !columnRun.isEmpty else { return }
            let count = columnRun.map(\.count).max() ?? 0
            let widths = (0..<count).map { c in columnRun.map { c < $0.count ? TextWidth.of($0[c]) : 0 }.max() ?? 0 }
            for (r, row) in columnRun.enumerated() {
                let text = row.indices.map { TextWidth.pad(row[$0], to: widths[$0] + 2) }.joined()
                out.append([(text, r == 0 ? Style(.accent) : .plain)])
            }
            columnRun = []
        }
        for line in model.lines {
            if case .columns(let cells) = line {
                columnRun.append(cells.map(glyphs.text))
                continue
            }
            flushColumns()
            switch line {
            case .heading(let text): out.append([(text, .title)])
            case .blank: out.append([("", .plain)])
            case .text(let text):
                for part in TextWidth.wrap(glyphs.text(text), to: width) { out.append([(part, .plain)]) }
            case .field(let fact):
                // A Chinese field cannot be shown outside UTF-8: say so rather than print question marks.
                let readable = glyphs.showsNonASCII || fact.label.unicodeScalars.allSatisfy(\.isASCII)
                let label = readable ? fact.label : texts[.chineseName]
                let value = readable ? fact.value : texts[.shownInUTF8]
                let wrapped = TextWidth.wrap(glyphs.text(value), to: max(1, width - labelWidth - 1))
                for (i, part) in wrapped.enumerated() {
                    out.append([((i == 0 ? TextWidth.pad(glyphs.text(label), to: labelWidth) : String(repeating: " ", count: labelWidth))
                                + " " + part, SeverityStyle.style(fact.severity, illustrative: fact.isIllustrative))])
                }
            case .sCurve(let curve):
                out += chart(curve, width: width, glyphs: glyphs)
            case .trend(let label, let values):
                let width = max(1, min(values.count, width - labelWidth - 1))
                out.append([(TextWidth.pad(label, to: labelWidth) + " " + Canvas.sparkline(values, width: width, glyphs: glyphs),
                            Style(.accent))])
            case .columns: break
            }
        }
        flushColumns()
        return out
    }

    /// The S-curve as 8 rows of dots with a percent axis, the dates under it and a legend:
    /// the plan dotted and muted, the reports solid in the accent colour.
    private func chart(_ curve: SCurve, width: Int, glyphs: GlyphSet) -> [[(String, Style)]] {
        let axis = 5, height = 8
        var dots = DotChart(width: max(8, min(60, width - axis)), height: height)
        let planned = curve.planned.enumerated().map { (x: Double($0.offset) / Double(curve.planned.count - 1), y: $0.element) }
        dots.plot(series: 0, points: planned, dotted: true)
        dots.plot(series: 1, points: curve.reported.map { (x: curve.position(of: $0.day), y: $0.share) })
        let styles = [Style.muted, Style(.accent, bold: true)]
        let star = Format.mark(curve.isIllustrative)
        var out: [[(String, Style)]] = dots.rows(unicode: glyphs.showsNonASCII).enumerated().map { row, runs in
            let label = row == 0 ? "100%" : row == height - 1 ? "0%" : row == height / 2 ? "50%" : ""
            return [(TextWidth.pad(label, to: axis - 1, alignRight: true) + " ", Style.muted)]
                + runs.map { ($0.text, $0.series.map { styles[$0] } ?? .plain) }
        }
        let from = texts.day(curve.start), to = texts.day(curve.end)
        let gap = max(1, dots.width - TextWidth.of(from) - TextWidth.of(to))
        out.append([(String(repeating: " ", count: axis) + from + String(repeating: " ", count: gap) + to, .muted)])
        let mark = glyphs.showsNonASCII ? ["⠂⠂", "⠒⠒"] : [".", "*"]
        out.append([(String(repeating: " ", count: axis) + mark[0] + " " + texts[.sCurvePlanned] + star + "  ", styles[0]),
                    (mark[1] + " " + texts[.sCurveReported] + star, styles[1])])
        return out
    }

    /// Draws the detail; returns the largest useful scroll offset.
    func draw(_ canvas: inout Canvas, in rect: Rect) -> Int {
        canvas.grid.fill(rect)
        let inner = canvas.box(rect, title: model.title, focused: true)
        guard inner.height > 0 else { return 0 }
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let view = ScrollView(lines: lines(width: body.width, glyphs: canvas.glyphs), scroll: scroll)
        drawMoreMarker(&canvas, in: rect, when: view.draw(&canvas, in: body), texts: texts)
        return view.limit(height: body.height)
    }
}

/// ` ↓ more ` on an overlay's bottom border while lines are scrolled off below; how to go back is
/// in the status bar.
func drawMoreMarker(_ canvas: inout Canvas, in rect: Rect, when more: Bool, texts: Texts) {
    guard more else { return }
    let label = " \(texts[.more]) "
    canvas.text(label, x: rect.maxX - TextWidth.of(label) - 2, y: rect.maxY - 1, style: Style(.focus, bold: true), clip: rect)
}
