import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit

/// The Gantt chart: a label column, then the time axis (years, quarters or months a column
/// apart), each row's baseline as a line and its forecast or actual as a bar (the part past the
/// baseline shaded, in the colour of its lateness), milestones ◆ achieved and ◇ expected (bad when
/// overdue), the today line, and the variance at the row's end.
struct SchedulePane {
    let model: ScheduleViewModel
    let zoom: ScheduleZoom
    let pan: Int
    let selected: Int
    let focused: Bool
    let texts: Texts

    static let varianceWidth = 9

    func draw(_ canvas: inout Canvas, in rect: Rect) {
        guard rect.height >= 2, rect.width >= 20 else { return }
        let g = canvas.glyphs
        let labelWidth = min(26, max(12, rect.width / 4))
        let axisX = rect.x + labelWidth + 1
        let columns = max(1, rect.maxX - axisX - Self.varianceWidth - 1)
        let start = model.startDay(zoom: zoom, pan: pan, columns: columns)
        func column(_ day: Day) -> Int { Int((Double(start.days(until: day)) / zoom.daysPerColumn).rounded(.down)) }
        let todayColumn = column(model.today)
        drawAxis(&canvas, y: rect.y, x: axisX, columns: columns, start: start, rect: rect)
        let visible = rect.height - 1
        let first = TableLayout.scrollOffset(selected: selected, visible: visible, count: model.rows.count)
        for (i, row) in model.rows.enumerated().dropFirst(first).prefix(visible) {
            let y = rect.y + 1 + i - first
            canvas.regions.append((Rect(x: rect.x, y: y, width: rect.width, height: 1), .row(i)))
            let isSelected = i == selected && focused
            let labelStyle: Style = row.level == .building ? .plain : Style(.normal, bold: true)
            canvas.cell(row.label, x: rect.x, y: y, width: labelWidth, style: SeverityStyle.row(labelStyle, selected: isSelected),
                        clip: rect)
            var cells = [(Character, Style)?](repeating: nil, count: columns)
            func paint(_ range: ClosedRange<Day>, _ character: Character, _ style: Style) {
                let from = max(0, column(range.lowerBound)), to = min(columns - 1, column(range.upperBound))
                guard from <= to else { return }
                for c in from...to { cells[c] = (character, style) }
            }
            if let baseline = row.baseline { paint(baseline, g.horizontal, .muted) }
            if let current = row.current {
                let done: Style = row.isDone ? Style(.good) : Style(.accent)
                paint(current, g.barSteps.last!, done)
                // Past the baseline's end the bar takes the colour of its lateness.
                if let baseline = row.baseline, current.upperBound > baseline.upperBound {
                    paint(baseline.upperBound.adding(days: 1)...current.upperBound, g.overrun, SeverityStyle.style(row.severity))
                }
            }
            for marker in row.markers {
                let c = column(marker.day)
                guard (0..<columns).contains(c) else { continue }
                cells[c] = (marker.isAchieved ? g.achieved : g.expected,
                            marker.isOverdue ? Style(.bad, bold: true) : marker.isAchieved ? Style(.good) : Style(.accent))
            }
            if (0..<columns).contains(todayColumn), cells[todayColumn] == nil { cells[todayColumn] = (g.today, .muted) }
            // Runs of one style are written together; blank cells are left alone (they cost nothing).
            var c = 0
            while c < columns {
                guard let (character, style) = cells[c] else { c += 1; continue }
                var run = String(character)
                var end = c + 1
                while end < columns, let next = cells[end], next.1 == style {
                    run.append(next.0)
                    end += 1
                }
                canvas.text(run, x: axisX + c, y: y, style: style, clip: rect)
                c = end
            }
            canvas.cell(row.varianceText, x: rect.maxX - Self.varianceWidth, y: y, width: Self.varianceWidth, alignRight: true,
                        style: SeverityStyle.style(row.severity), clip: rect)
        }
    }

    /// Year labels where a year starts (quarter or month labels when zoomed in), and the today mark.
    private func drawAxis(_ canvas: inout Canvas, y: Int, x: Int, columns: Int, start: Day, rect: Rect) {
        var next = x
        for c in 0..<columns {
            let day = start.adding(days: Int(Double(c) * zoom.daysPerColumn))
            let previous = start.adding(days: Int(Double(c - 1) * zoom.daysPerColumn))
            let label: String?
            switch zoom {
            case .years, .quarters: label = c == 0 || day.year != previous.year ? String(day.year) : nil
            case .months: label = c == 0 || day.month != previous.month ? "\(day.year)-\(Format.zeroPadded(day.month, width: 2))" : nil
            }
            guard let label, x + c >= next, x + c + label.count <= x + columns else { continue }
            canvas.text(label, x: x + c, y: y, style: .muted, clip: rect)
            next = x + c + label.count + 1
        }
    }
}
