import HetaoText
import HetaoViewModels
import TerminalKit

/// The buildings table: sortable columns, a progress bar per building, slip coloured and signed.
struct BuildingsPane {
    let model: BuildingsViewModel
    let selected: Int
    let focused: Bool
    let texts: Texts
    /// Buildings with a figure recorded since the user last looked: marked after their number.
    var changed: Set<String> = []

    /// Columns in display order with their widths and how long each is kept when space is short.
    /// Chinese dates (`2027年3月31日`) and the English name beside a Chinese one take more cells.
    static func columns(showsChinese: Bool, texts t: Texts) -> [(BuildingColumn, TableColumn)] {
        let chinese = t.language == .traditionalChinese
        var columns: [(BuildingColumn, TableColumn)] = [
            (.label, TableColumn(t[.columnNumber], width: 7, priority: 0)),
            (.name, TableColumn(t[.columnBuilding], width: 16, flexible: true, priority: 3)),
            (.otherName, TableColumn(t[.columnOtherName], width: chinese ? 20 : 14, priority: 12)),
            (.use, TableColumn(t[.columnUse], width: 12, priority: 8)),
            (.storeys, TableColumn(t[.columnStoreys], width: 3, priority: 13, alignRight: true)),
            (.status, TableColumn(t[.columnStatus], width: chinese ? 8 : 18, priority: 1)),
            (.progress, TableColumn(t[.columnProgress], width: 17, priority: 2)),
            (.baseline, TableColumn(t[.columnBaseline], width: chinese ? 15 : 11, priority: 7)),
            (.expected, TableColumn(t[.columnForecast], width: chinese ? 15 : 11, priority: 6)),
            (.slip, TableColumn(t[.columnSlip], width: 8, priority: 4, alignRight: true)),
            (.behind, TableColumn(t[.columnBehind], width: 8, priority: 5, alignRight: true)),
            (.leased, TableColumn(t[.columnLet], width: 5, priority: 9, alignRight: true)),
            (.reported, TableColumn(t[.columnReported], width: chinese ? 15 : 11, priority: 11)),
            (.id, TableColumn(t[.columnId], width: 6, priority: 10)),
        ]
        if !showsChinese { columns.removeAll { $0.0 == .otherName } }
        return columns
    }

    /// After the title: how many buildings are shown, and the filter that chose them.
    var detail: String {
        let count = model.rows.count == model.totalCount ? texts(.buildingsAll, model.totalCount)
            : texts(.buildingsSome, model.rows.count, model.totalCount)
        return model.filter.isEmpty ? count : texts(.buildingsFiltered, count, model.filter)
    }

    /// Draws the table; returns the columns that fit, in order.
    @discardableResult
    func draw(_ canvas: inout Canvas, in rect: Rect) -> [BuildingColumn] {
        let g = canvas.glyphs
        let columns = Self.columns(showsChinese: g.showsNonASCII, texts: texts)
        let table = ListTable(columns.map(\.1), in: rect)
        let shown = table.placed.map { columns[$0.index].0 }
        guard rect.height >= 2 else { return shown }
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
            canvas.text(texts(.noBuildingMatches, model.filter), x: rect.x + 1, y: rect.y + 1,
                        style: .muted, clip: rect)
            return shown
        }
        for (i, y, isSelected) in table.rows(&canvas, count: model.rows.count, selected: selected, focused: focused,
                                             height: visible) {
            let row = model.rows[i]
            for p in table.placed {
                let (column, spec) = columns[p.index]
                let x = table.x(p)
                let base: Style
                switch column {
                case .status: base = SeverityStyle.style(row.statusSeverity)
                case .slip: base = SeverityStyle.style(row.slipSeverity)
                case .behind: base = SeverityStyle.style(row.behindSeverity)
                case .reported: base = row.isStale ? Style(.warning, bold: true) : .muted
                case .id: base = .muted
                default: base = .plain
                }
                let style = SeverityStyle.row(base, selected: isSelected)
                if column == .progress {
                    let barWidth = max(1, p.width - 6)
                    canvas.text(canvas.glyphs.bar(row.progress, width: barWidth), x: x, y: y,
                                style: Style(row.progress >= 1 ? .good : .accent), clip: rect)
                    canvas.cell(row.progressText, x: x + barWidth, y: y, width: p.width - barWidth, alignRight: true,
                                style: style, clip: rect)
                } else {
                    let mark = column == .label && changed.contains(row.id) ? String(canvas.glyphs.changed) : ""
                    canvas.cell(row.text(column) + mark, x: x, y: y, width: p.width, alignRight: spec.alignRight, style: style,
                                clip: rect)
                }
            }
        }
        return shown
    }

    private func drawSummary(_ canvas: inout Canvas, row: BuildingRow, in rect: Rect) {
        canvas.text(String(repeating: canvas.glyphs.horizontal, count: rect.width), x: rect.x, y: rect.y, style: .muted,
                    clip: rect)
        let t = texts
        let label = row.isPlaceholder ? t(.placeholderLabel, row.label) : t(.buildingNamed, row.label)
        let other = canvas.glyphs.showsNonASCII ? "  \(row.otherName)" : ""
        canvas.text("\(label): \(row.name)\(other)", x: rect.x, y: rect.y + 1, style: Style(.normal, bold: true), clip: rect)
        func orNone(_ text: String) -> String { text.isEmpty ? t[.notApplicable] : text }
        canvas.text(t(.summaryFacts, row.use, row.status, row.progressText, orNone(row.leased)), x: rect.x, y: rect.y + 2, clip: rect)
        canvas.text(t(.summaryCompletion, orNone(row.baseline), t[row.isCompleted ? .actualWord : .forecastWord],
                      orNone(row.expected), orNone(row.slip)),
                    x: rect.x, y: rect.y + 3, style: SeverityStyle.style(row.slipSeverity), clip: rect)
        var x = rect.x
        if !row.behind.isEmpty {
            let behind = t[.behindPlan] + " " + row.behind + "  "
            canvas.text(behind, x: x, y: rect.y + 4, style: SeverityStyle.style(row.behindSeverity), clip: rect)
            x += TextWidth.of(behind)
        }
        if !row.reported.isEmpty {
            canvas.text(t(.lastReported, row.reported) + (row.isStale ? t[.staleMark] : ""), x: x, y: rect.y + 4,
                        style: row.isStale ? Style(.warning, bold: true) : .muted, clip: rect)
        }
    }
}
