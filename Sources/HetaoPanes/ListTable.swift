import TerminalKit

/// What the list panes share: columns placed in the pane's width, a header row, and the window
/// of rows kept around the selection.
struct ListTable {
    let columns: [TableColumn]
    let placed: [TableLayout.Placed]
    let rect: Rect

    init(_ columns: [TableColumn], in rect: Rect) {
        self.columns = columns
        self.rect = rect
        placed = TableLayout.place(columns, in: rect.width - 1)
    }

    /// The screen column where a placed column starts (after the selection marker's column).
    func x(_ placed: TableLayout.Placed) -> Int { rect.x + 1 + placed.x }

    /// The header row; `sorted` names the column that carries `arrow` and an underline.
    func drawHeader(_ canvas: inout Canvas, sorted: Int? = nil, arrow: String = "") {
        fillRow(&canvas, y: rect.y, style: Style(.accent, bold: true))
        for p in placed {
            let spec = columns[p.index]
            canvas.regions.append((Rect(x: x(p), y: rect.y, width: p.width, height: 1), .header(p.index)))
            canvas.cell(spec.title + (p.index == sorted ? arrow : ""), x: x(p), y: rect.y, width: p.width,
                        alignRight: spec.alignRight, style: Style(.accent, bold: true, underline: p.index == sorted),
                        clip: rect)
        }
    }

    /// Gives the row's blank cells, between and after its columns, the style of its text: the
    /// terminal then gets one attribute change for the row, not one around every column.
    func fillRow(_ canvas: inout Canvas, y: Int, style: Style) {
        canvas.grid.fill(Rect(x: rect.x + 1, y: y, width: max(0, rect.width - 1), height: 1), style: style)
    }

    /// The rows that fit in `height` rows under the header, scrolled to keep `selected` in view,
    /// each with its screen row and whether it is the selection of a focused pane; that row gets
    /// the selection marker in the first column and the selection's style across its blank cells
    /// here, so the whole row reads as selected.
    func rows(_ canvas: inout Canvas, count: Int, selected: Int, focused: Bool,
              height: Int) -> [(index: Int, y: Int, isSelected: Bool)] {
        let first = TableLayout.scrollOffset(selected: selected, visible: height, count: count)
        return (first..<min(count, first + max(0, height))).map { index in
            let y = rect.y + 1 + index - first
            let isSelected = focused && index == selected
            if isSelected {
                canvas.text(canvas.glyphs.selection, x: rect.x, y: y, style: .selected, clip: rect)
                fillRow(&canvas, y: y, style: .selected)
            }
            canvas.regions.append((Rect(x: rect.x, y: y, width: rect.width, height: 1), .row(index)))
            return (index, y, isSelected)
        }
    }
}
