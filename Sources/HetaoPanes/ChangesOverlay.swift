import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit

/// What changed since the user last looked, or since their last meeting: a figure a line, net
/// (what was known when the period began → what is known now, how many records), newest first;
/// `Enter` on a line opens what it is about, with the records behind it in its history; `/`
/// narrows the list to the lines that hold a word.
struct ChangesOverlay {
    let state: AppState
    let texts: Texts

    func draw(_ canvas: inout Canvas, in rect: Rect) -> Int {
        let t = texts
        canvas.grid.fill(rect)
        // Times are the viewer's local time; the zone is named once, in the title.
        let since = state.changesStart.map { LocalTime.minute(of: $0) + " " + LocalTime.zone }
        let title = (since.map { t(state.changesSince == .meeting ? .changesSinceMeeting : .changesTitle, $0) } ?? t[.keyChanges])
            + (state.overlayFilter.isEmpty ? "" : "  /" + state.overlayFilter)
        let inner = canvas.box(rect, title: title, focused: true)
        guard inner.height > 0 else { return 0 }
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        var lines: [(String, Style)] = []
        /// Long lines wrap under their start, so no figure is cut off.
        func add(_ prefix: String, _ text: String, _ style: Style) {
            let indent = String(repeating: " ", count: TextWidth.of(prefix))
            for (i, part) in TextWidth.wrap(text, to: max(1, body.width - indent.count)).enumerated() {
                lines.append(((i == 0 ? prefix : indent) + part, style))
            }
        }
        var selectedLine = 0
        let shown = state.changeLines
        if state.changesStart == nil { lines.append((t[.changesFirstVisit], .muted)) }
        if state.changesStart != nil && state.changes.isEmpty {
            lines.append((t[state.changesSince == .meeting ? .changesNoneSinceMeeting : .changesNone], .muted))
        } else if shown.isEmpty && !state.changes.isEmpty {
            lines.append((t(.noSearchMatch, state.overlayFilter), .muted))
        }
        for (i, line) in shown.enumerated() {
            let marker = i == state.selectedChange ? "› " : "  "
            if i == state.selectedChange { selectedLine = lines.count }
            add(marker, line.text, i == state.selectedChange ? Style(.accent, reverse: true) : Style(.accent))
            add("    ", line.byline, .muted)
        }
        // The selected change and the line under it stay in view.
        let scroll = max(0, selectedLine + 2 - body.height)
        let view = ScrollView(lines: lines, scroll: scroll)
        view.draw(&canvas, in: body)
        return view.limit(height: body.height)
    }
}
