import HetaoText
import HetaoViewModels
import TerminalKit

/// The overview: the Hetao park at a glance, the headline money, the three innovation parks.
struct OverviewPane {
    let model: OverviewViewModel
    let scroll: Int
    let texts: Texts

    /// The pane as lines of (text, style), so it scrolls as one list.
    private func lines(width: Int, glyphs: GlyphSet) -> [(String, Style)] {
        var out: [(String, Style)] = []
        let labelWidth = min(18, max(8, width / 3))
        for fact in model.headline {
            let values = TextWidth.wrap(glyphs.text(fact.value), to: max(1, width - labelWidth - 1))
            for (i, value) in values.enumerated() {
                let label = i == 0 ? TextWidth.pad(fact.label, to: labelWidth) : String(repeating: " ", count: labelWidth)
                out.append((label + " " + value, SeverityStyle.style(fact.severity, illustrative: fact.isIllustrative)))
            }
        }
        out.append((texts[.headlineMoney], .title))
        for fact in model.money {  // one line each, to scan; the budget pane has the full names
            let amountWidth = TextWidth.of(model.money.map(\.value).max { TextWidth.of($0) < TextWidth.of($1) } ?? "")
            let label = TextWidth.truncate(glyphs.text(fact.label), to: max(1, width - amountWidth - 3), ellipsis: glyphs.ellipsis)
            out.append((TextWidth.pad(fact.value, to: amountWidth + 1, alignRight: true) + "  " + label, .plain))
        }
        out.append(("", .plain))
        out.append((texts[.threeParks], .title))
        for park in model.parks {
            let name = !glyphs.showsNonASCII ? park.name
                : texts.language == .traditionalChinese ? "\(park.nameZH) \(park.name)" : "\(park.name) \(park.nameZH)"
            out.append((TextWidth.truncate(glyphs.text(name), to: width, ellipsis: glyphs.ellipsis), Style(.normal, bold: true)))
            if let full = park.fullNameZH, glyphs.showsNonASCII { out.append(("  " + full, .muted)) }
            for text in [park.location.prefix(1).uppercased() + park.location.dropFirst(), park.role] {
                for line in TextWidth.wrap(glyphs.text(text), to: max(1, width - 2)) { out.append(("  " + line, .plain)) }
            }
        }
        return out
    }

    /// The lines from `scroll` on; when some are left below, the last row says so instead of
    /// covering a line. Returns the largest useful scroll offset.
    func draw(_ canvas: inout Canvas, in rect: Rect) -> Int {
        let view = ScrollView(lines: lines(width: rect.width, glyphs: canvas.glyphs), scroll: scroll)
        if view.draw(&canvas, in: rect, marksMore: true) {
            canvas.cell(texts[.more], x: rect.x, y: rect.maxY - 1, width: rect.width, alignRight: true, style: .muted, clip: rect)
        }
        return view.limit(height: rect.height)
    }
}
