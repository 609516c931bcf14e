import HetaoText
import HetaoViewModels
import TerminalKit

/// Phases west to east with their batches and completion bars, then the timeline as bars on a
/// year axis.
struct PhasesPane {
    let model: PhasesViewModel
    let selected: Int
    let texts: Texts

    func draw(_ canvas: inout Canvas, in rect: Rect) {
        var y = rect.y
        let labelWidth = min(16, rect.width / 3)
        let tail = { (phase: PhasesViewModel.PhaseLine) in " \(phase.completionText) \(phase.target)  \(phase.floorArea)" }
        let batchTail = { (batch: PhasesViewModel.BatchLine) in " \(batch.completionText)  \(batch.buildings)" }
        // The bars give way to the figures after them: those are what the row says.
        let longest = model.phases.flatMap { [tail($0)] + $0.batches.map(batchTail) }.map(TextWidth.of).max() ?? 0
        let barWidth = max(4, min(20, rect.width - labelWidth - 1 - longest))
        let tailX = rect.x + labelWidth + 1 + barWidth
        for phase in model.phases where y < rect.maxY {
            canvas.cell(phase.name, x: rect.x, y: y, width: labelWidth, style: Style(.normal, bold: true), clip: rect)
            canvas.text(canvas.glyphs.bar(phase.completion, width: barWidth), x: rect.x + labelWidth + 1, y: y, style: Style(.good),
                        clip: rect)
            canvas.cell(tail(phase), x: tailX, y: y, width: rect.maxX - tailX, clip: rect)
            y += 1
            for batch in phase.batches where y < rect.maxY {
                canvas.cell("  " + batch.name, x: rect.x, y: y, width: labelWidth, clip: rect)
                canvas.text(canvas.glyphs.bar(batch.completion, width: barWidth), x: rect.x + labelWidth + 1, y: y,
                            style: Style(.good), clip: rect)
                canvas.cell(batchTail(batch), x: tailX, y: y, width: rect.maxX - tailX, clip: rect)
                y += 1
            }
        }
        guard y + 2 < rect.maxY else { return }
        y += 1
        drawTimeline(&canvas, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y))
    }

    private func drawTimeline(_ canvas: inout Canvas, in rect: Rect) {
        let labelWidth = min(max(20, rect.width / 2), rect.width - 10)
        let axisX = rect.x + labelWidth + 1
        let axisWidth = rect.maxX - axisX
        guard axisWidth >= 6 else { return }
        let g = canvas.glyphs
        canvas.text(texts[.timeline], x: rect.x, y: rect.y, style: .title, clip: rect)
        // Year ticks: first and last year at the ends, the as-of marker between.
        canvas.text(String(model.firstYear), x: axisX, y: rect.y, style: .muted, clip: rect)
        let last = String(model.lastYear)
        canvas.text(last, x: rect.maxX - last.count, y: rect.y, style: .muted, clip: rect)
        let todayX = axisX + Int((model.today * Double(axisWidth - 1)).rounded())
        let rows = rect.height - 1
        guard rows > 0 else { return }
        let first = TableLayout.scrollOffset(selected: selected, visible: rows, count: model.timeline.count)
        for (i, entry) in model.timeline.enumerated().dropFirst(first).prefix(rows) {
            let y = rect.y + 1 + i - first
            canvas.regions.append((Rect(x: rect.x, y: y, width: rect.width, height: 1), .row(i)))
            let isSelected = i == selected
            let marker = entry.state == .achieved ? g.achieved : g.expected
            let stateWord = entry.state == .overdue ? " " + texts[.overdue] : ""
            let style: Style = entry.state == .overdue ? Style(.warning, bold: true)
                : entry.state == .achieved ? .plain : Style(.accent)
            canvas.cell("\(entry.date) \(entry.name)\(stateWord)", x: rect.x, y: y, width: labelWidth,
                        style: SeverityStyle.row(style, selected: isSelected), clip: rect)
            let end = Int((entry.position * Double(axisWidth - 1)).rounded())
            // No padding after the marker: blank cells cost nothing to send, styled ones do.
            let bar = String(repeating: g.horizontal, count: end) + String(marker)
            canvas.text(bar, x: axisX, y: y, style: entry.state == .achieved ? Style(.good) : style, clip: rect)
            if todayX > axisX + end, todayX < rect.maxX {
                canvas.text(String(g.today), x: todayX, y: y, style: .muted, clip: rect)
            }
        }
    }
}
