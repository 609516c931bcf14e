import TerminalKit

/// One scrolling list of styled lines, shared by the detail, the help and the overview. The
/// offset shown is clamped to what fits, and the largest useful offset is reported back
/// (`ScrollLimits` in the state), so that `End` then `↑` moves at once.
struct ScrollView {
    /// Each line as runs of styled text.
    let lines: [[(String, Style)]]
    let scroll: Int

    init(lines: [[(String, Style)]], scroll: Int) {
        self.lines = lines
        self.scroll = scroll
    }

    /// Lines of one style each.
    init(lines: [(String, Style)], scroll: Int) { self.init(lines: lines.map { [$0] }, scroll: scroll) }

    /// The largest offset that still fills `height` rows.
    func limit(height: Int) -> Int { max(0, lines.count - height) }

    /// Draws the visible lines into `rect`, keeping its last row free when `marksMore` and lines
    /// are left below; returns whether lines are left below.
    @discardableResult
    func draw(_ canvas: inout Canvas, in rect: Rect, marksMore: Bool = false) -> Bool {
        guard rect.height > 0 else { return false }
        let first = min(max(0, scroll), limit(height: rect.height))
        let more = first + rect.height < lines.count
        let rows = rect.height - (marksMore && more ? 1 : 0)
        for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            var x = rect.x
            for (text, style) in line { x += canvas.text(text, x: x, y: rect.y + i, style: style, clip: rect) }
        }
        return more
    }
}
