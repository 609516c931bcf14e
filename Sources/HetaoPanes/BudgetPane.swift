import HetaoText
import HetaoViewModels
import TerminalKit

/// The allocation tree: amount, share of the parent as a bar, the unallocated remainder.
struct BudgetPane {
    let model: BudgetViewModel
    let selected: Int
    let focused: Bool
    let texts: Texts

    private var columns: [TableColumn] {
        let t = texts
        return [
            TableColumn(t[.columnAllocation], width: 22, flexible: true, priority: 0),
            TableColumn(t[.columnAmount], width: t.language == .traditionalChinese ? 13 : 12, priority: 1, alignRight: true),
            TableColumn(t[.columnOfParent], width: 15, priority: 2),
            TableColumn(t[.columnYear], width: 7, priority: 6),
            TableColumn(t[.columnStatus], width: 9, priority: 4),
            TableColumn(t[.columnUnallocatedSpent], width: 22, priority: 3),
            TableColumn(t[.columnApprovedBy], width: 24, priority: 7),
            TableColumn(t[.columnIndices], width: 11, priority: 5),
        ]
    }

    func draw(_ canvas: inout Canvas, in rect: Rect) {
        guard rect.height >= 2 else { return }
        let g = canvas.glyphs
        let table = ListTable(columns, in: rect)
        table.drawHeader(&canvas)
        for (i, y, isSelected) in table.rows(&canvas, count: model.rows.count, selected: selected, focused: focused,
                                             height: rect.height - 1) {
            let row = model.rows[i]
            let plain: Style = row.depth == 0 ? Style(.normal, bold: true) : .plain
            func styled(_ style: Style) -> Style { SeverityStyle.row(style, selected: isSelected) }
            let style = styled(plain)
            // Over the list's own fill of a selected row: a top-level row is bold across, so the
            // terminal gets one attribute change for the row.
            table.fillRow(&canvas, y: y, style: style)
            for p in table.placed {
                let x = table.x(p)
                switch p.index {
                case 0:
                    let marker = row.hasChildren ? (row.isExpanded ? g.expanded : g.collapsed) : g.leaf
                    canvas.cell(String(repeating: "  ", count: row.depth) + marker + row.name, x: x, y: y, width: p.width,
                                style: style, clip: rect)
                case 1:
                    canvas.cell(row.amount, x: x, y: y, width: p.width, alignRight: true, style: style, clip: rect)
                case 2:
                    guard let share = row.share else { continue }
                    let barWidth = max(1, p.width - 6)
                    // The bar keeps its colours on the selected row: reversed, its blocks would read as gaps.
                    canvas.text(canvas.glyphs.bar(share, width: barWidth), x: x, y: y,
                                style: Style(.accent), clip: rect)
                    canvas.cell(row.shareText, x: x + barWidth, y: y, width: p.width - barWidth, alignRight: true,
                                style: style, clip: rect)
                case 3:
                    canvas.cell(row.year, x: x, y: y, width: p.width, style: style, clip: rect)
                case 4:
                    canvas.cell(row.status, x: x, y: y, width: p.width,
                                style: styled(row.isApproved ? Style(.good) : .plain), clip: rect)
                case 6:
                    canvas.cell(row.approvedBy, x: x, y: y, width: p.width, style: styled(.plain), clip: rect)
                case 7:
                    // SPI then CPI, each coloured by its own threshold.
                    guard !row.spi.isEmpty else { continue }
                    let used = canvas.text(row.spi, x: x, y: y, style: styled(SeverityStyle.style(row.spiSeverity)),
                                           clip: rect)
                    canvas.text("/" + row.cpi, x: x + used, y: y, style: styled(SeverityStyle.style(row.cpiSeverity)),
                                clip: rect)
                default:
                    let text = [row.unallocated, row.spent].filter { !$0.isEmpty }.joined(separator: "; ")
                    canvas.cell(text, x: x, y: y, width: p.width,
                                style: styled(row.unallocated.isEmpty ? .plain : Style(.warning)), clip: rect)
                }
            }
        }
    }
}
