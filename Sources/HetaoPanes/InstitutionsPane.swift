import HetaoText
import HetaoViewModels
import TerminalKit

/// The R&D institutions and programmes, the five major ones marked.
struct InstitutionsPane {
    let model: InstitutionsViewModel
    let selected: Int
    let focused: Bool
    let texts: Texts

    private var columns: [TableColumn] {
        let t = texts
        return [
            TableColumn(t[.columnFiveMajor], width: 1, priority: 1),
            TableColumn(t[.columnInstitution], width: 20, flexible: true, priority: 0),
            TableColumn(t[.columnFunding], width: t.language == .traditionalChinese ? 12 : 10, priority: 2, alignRight: true),
            TableColumn(t[.columnKind], width: 13, priority: 4),
            TableColumn(t[.columnStatus], width: 20, flexible: true, priority: 3),
        ]
    }

    func draw(_ canvas: inout Canvas, in rect: Rect) {
        guard rect.height >= 2 else { return }
        let columns = self.columns
        let table = ListTable(columns, in: rect)
        table.drawHeader(&canvas)
        for (i, y, isSelected) in table.rows(&canvas, count: model.rows.count, selected: selected, focused: focused,
                                             height: rect.height - 1) {
            let row = model.rows[i]
            let style: Style = row.isFiveMajor ? .plain : .muted
            let values = [row.isFiveMajor ? "5" : "", row.name, row.funding, row.kind, row.status]
            for p in table.placed {
                canvas.cell(values[p.index], x: table.x(p), y: y, width: p.width,
                            alignRight: columns[p.index].alignRight,
                            style: SeverityStyle.row(style, selected: isSelected), clip: rect)
            }
        }
    }
}
