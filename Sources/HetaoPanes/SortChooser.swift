import HetaoText
import HetaoViewModels
import TerminalKit

/// The Buildings columns on screen in a small box over the table, the current sort marked with
/// its arrow and the choice reversed: `Enter` sorts by it, as a click on its header does.
struct SortChooser {
    let columns: [BuildingColumn]
    let sort: BuildingColumn
    let ascending: Bool
    let selected: Int
    let texts: Texts

    func draw(_ canvas: inout Canvas, in area: Rect) {
        let titles = BuildingsPane.columns(showsChinese: canvas.glyphs.showsNonASCII, texts: texts)
        let names = columns.map { column in titles.first { $0.0 == column }.map { $0.1.title } ?? "" }
        let arrow = ascending ? canvas.glyphs.sortAscending : canvas.glyphs.sortDescending
        let width = min(area.width, max(names.map(TextWidth.of).max() ?? 0, TextWidth.of(texts[.sortChooserTitle])) + 8)
        let rect = Rect(x: area.x + 2, y: area.y + 1, width: width, height: min(area.height - 1, names.count + 2))
        canvas.grid.fill(rect)
        let inner = canvas.box(rect, title: texts[.sortChooserTitle], focused: true)
        for (i, name) in names.enumerated() where i < inner.height {
            let row = Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1)
            let mark = columns[i] == sort ? " " + arrow : ""
            canvas.cell(" " + name + mark, x: row.x, y: row.y, width: row.width,
                        style: i == selected ? Style(.focus, bold: true, reverse: true) : .plain, clip: row)
            canvas.regions.append((row, .row(i)))
        }
    }
}
