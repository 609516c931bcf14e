import HetaoViewModels
import TerminalKit

/// The buildings table: sortable columns, a progress bar per building, slip coloured and signed.
struct BuildingsPane {
    let model: BuildingsViewModel
    let selected: Int
    let focused: Bool

    /// Columns in display order with their widths and how long each is kept when space is short.
    static func columns(showsChinese: Bool) -> [(BuildingColumn, TableColumn)] {
        var columns: [(BuildingColumn, TableColumn)] = [
            (.label, TableColumn("No.", width: 7, priority: 0)),
            (.name, TableColumn("Building", width: 16, flexible: true, priority: 3)),
            (.nameZH, TableColumn("中文", width: 14, priority: 10)),
            (.use, TableColumn("Use", width: 12, priority: 7)),
            (.storeys, TableColumn("Fl", width: 3, priority: 11, alignRight: true)),
            (.status, TableColumn("Status", width: 18, priority: 1)),
            (.progress, TableColumn("Progress", width: 17, priority: 2)),
            (.baseline, TableColumn("Baseline", width: 11, priority: 6)),
            (.expected, TableColumn("Forecast", width: 11, priority: 5)),
            (.slip, TableColumn("Slip", width: 8, priority: 4, alignRight: true)),
            (.leased, TableColumn("Let", width: 5, priority: 8, alignRight: true)),
            (.reported, TableColumn("Reported", width: 11, priority: 9)),
        ]
        if !showsChinese { columns.removeAll { $0.0 == .nameZH } }
        return columns
    }

    /// After the title: how many buildings are shown, and the filter that chose them.
    var detail: String {
        let count = model.rows.count == model.totalCount ? "all \(model.totalCount)" : "\(model.rows.count) of \(model.totalCount)"
        return model.filter.isEmpty ? count : "\(count), filter \"\(model.filter)\""
    }

    func draw(_ canvas: inout Canvas, in rect: Rect) {
        guard rect.height >= 2 else { return }
        let g = canvas.glyphs
        let columns = Self.columns(showsChinese: g.showsNonASCII)
        let table = ListTable(columns.map(\.1), in: rect)
        table.drawHeader(&canvas, sorted: columns.firstIndex { $0.0 == model.sort },
                         arrow: model.ascending ? g.sortAscending : g.sortDescending)
        // With rows to spare, the selected building's dates and names sit under the table, so
        // a narrow terminal still shows what the dropped columns hold.
        let summaryHeight = rect.height - 1 - model.rows.count >= 7 && !model.rows.isEmpty ? 5 : 0
        let visible = rect.height - 1 - summaryHeight
        if summaryHeight > 0, model.rows.indices.contains(selected) {
            drawSummary(&canvas, row: model.rows[selected],
                        in: Rect(x: rect.x + 1, y: rect.maxY - summaryHeight, width: rect.width - 2, height: summaryHeight))
        }
        if model.rows.isEmpty {
            canvas.text("No building matches \"\(model.filter)\". Esc clears the filter.", x: rect.x + 1, y: rect.y + 1,
                        style: .muted, clip: rect)
            return
        }
        for (i, y, isSelected) in table.rows(&canvas, count: model.rows.count, selected: selected, focused: focused,
                                             height: visible) {
            let row = model.rows[i]
            for p in table.placed {
                let (column, spec) = columns[p.index]
                let x = table.x(p)
                let base: Style
                switch column {
                case .status: base = Theme.style(row.statusSeverity)
                case .slip: base = Theme.style(row.slipSeverity)
                case .reported: base = row.isStale ? Style(.warning, bold: true) : .muted
                default: base = .plain
                }
                // The selection reverses the row's identity (number and name), not every cell:
                // moving it then rewrites a few cells instead of two full rows.
                let style = Theme.row(base, selected: isSelected && (column == .label || column == .name))
                if column == .progress {
                    let barWidth = max(1, p.width - 6)
                    canvas.text(canvas.bar(row.progress, width: barWidth), x: x, y: y,
                                style: Style(row.progress >= 1 ? .good : .accent), clip: rect)
                    canvas.cell(row.progressText, x: x + barWidth, y: y, width: p.width - barWidth, alignRight: true,
                                style: style, clip: rect)
                } else {
                    canvas.cell(row.text(column), x: x, y: y, width: p.width, alignRight: spec.alignRight, style: style,
                                clip: rect)
                }
            }
        }
    }

    private func drawSummary(_ canvas: inout Canvas, row: BuildingRow, in rect: Rect) {
        canvas.text(String(repeating: canvas.glyphs.horizontal, count: rect.width), x: rect.x, y: rect.y, style: .muted,
                    clip: rect)
        let label = row.isPlaceholder ? "\(row.label) (placeholder label)" : "Building \(row.label)"
        let chinese = canvas.glyphs.showsNonASCII ? "  \(row.nameZH)" : ""
        canvas.text("\(label): \(row.name)\(chinese)", x: rect.x, y: rect.y + 1, style: Style(.normal, bold: true), clip: rect)
        canvas.text("Use \(row.use)  Status \(row.status)  Progress \(row.progressText)  Let \(row.leased.isEmpty ? "n/a" : row.leased)",
                    x: rect.x, y: rect.y + 2, clip: rect)
        canvas.text("Completion: baseline \(row.baseline.isEmpty ? "n/a" : row.baseline)  \(row.isCompleted ? "actual" : "forecast") \(row.expected.isEmpty ? "n/a" : row.expected)  slip \(row.slip.isEmpty ? "n/a" : row.slip)",
                    x: rect.x, y: rect.y + 3, style: Theme.style(row.slipSeverity), clip: rect)
        if !row.reported.isEmpty {
            canvas.text("Progress last reported as of \(row.reported)\(row.isStale ? " (stale)" : "")", x: rect.x, y: rect.y + 4,
                        style: row.isStale ? Style(.warning, bold: true) : .muted, clip: rect)
        }
    }
}
