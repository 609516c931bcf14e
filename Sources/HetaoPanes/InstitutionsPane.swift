import HetaoViewModels
import TerminalKit

/// The R&D institutions and programmes, the five major ones marked.
struct InstitutionsPane {
    let model: InstitutionsViewModel
    let selected: Int
    let focused: Bool

    private static let columns = [
        TableColumn("5", width: 1, priority: 1),
        TableColumn("Institution", width: 20, flexible: true, priority: 0),
        TableColumn("Funding", width: 10, priority: 2, alignRight: true),
        TableColumn("Kind", width: 13, priority: 4),
        TableColumn("Status", width: 20, flexible: true, priority: 3),
    ]

    func draw(_ canvas: inout Canvas, in rect: Rect) {
        guard rect.height >= 2 else { return }
        let placed = TableLayout.place(Self.columns, in: rect.width - 1)
        for p in placed {
            let spec = Self.columns[p.index]
            canvas.cell(spec.title, x: rect.x + 1 + p.x, y: rect.y, width: p.width, alignRight: spec.alignRight,
                        style: Style(.accent, bold: true), clip: rect)
        }
        let visible = rect.height - 1
        let first = TableLayout.scrollOffset(selected: selected, visible: visible, count: model.rows.count)
        for (i, row) in model.rows.enumerated().dropFirst(first).prefix(visible) {
            let y = rect.y + 1 + i - first
            let isSelected = i == selected && focused
            if isSelected { canvas.text(canvas.glyphs.selection, x: rect.x, y: y, style: .selected, clip: rect) }
            let style: Style = row.isFiveMajor ? .plain : .muted
            let values = [row.isFiveMajor ? "5" : "", row.name, row.funding, row.kind, row.status]
            for p in placed {
                canvas.cell(values[p.index], x: rect.x + 1 + p.x, y: y, width: p.width,
                            alignRight: Self.columns[p.index].alignRight,
                            style: Theme.row(style, selected: isSelected && p.index == 1), clip: rect)
            }
        }
    }
}
