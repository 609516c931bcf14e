import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit

/// What changed since the user last looked, or since their last meeting: a figure a line, net
/// (what was known when the period began → what is known now, how many records), newest first;
/// `Enter` on a line opens what it is about, with the records behind it in its history.
struct ChangesOverlay {
    let programme: Programme
    let state: AppState
    let texts: Texts

    func draw(_ canvas: inout Canvas, in rect: Rect) -> Int {
        let t = texts
        canvas.grid.fill(rect)
        // Times are the viewer's local time; the zone is named once, in the title.
        let since = state.changesStart.map { LocalTime.minute(of: $0) + " " + LocalTime.zone }
        let title = since.map { t(state.changesSince == .meeting ? .changesSinceMeeting : .changesTitle, $0) } ?? t[.keyChanges]
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
        if state.changesStart == nil { lines.append((t[.changesFirstVisit], .muted)) }
        if state.changesStart != nil && state.changes.isEmpty {
            lines.append((t[state.changesSince == .meeting ? .changesNoneSinceMeeting : .changesNone], .muted))
        }
        for (i, change) in state.changes.enumerated() {
            let last = change.latest
            let what = name(of: change.subject) + " · " + texts.kindName(last.kind, event: last.event)
            let from = change.before.map { t.summary($0) } ?? "—"
            let to = change.after.map { t.summary($0) } ?? t[.reportWithdrawn]
            let corrected = change.correctedBy.count
            let count = (change.records.count == 1 ? t[.changesCountOne] : t(.changesCount, change.records.count))
                + (corrected > 0 ? t(.changesCorrected, corrected) : "")
            let marker = i == state.selectedChange ? "› " : "  "
            if i == state.selectedChange { selectedLine = lines.count }
            add(marker, t(.changesLine, what, from, to) + " (" + count + ")",
                i == state.selectedChange ? Style(.accent, reverse: true) : Style(.accent))
            add("    ", t(.changesBy, LocalTime.minute(of: last.recordedAt), last.recordedBy) + "; " + last.source, .muted)
        }
        // The selected change and the line under it stay in view.
        let scroll = max(0, selectedLine + 2 - body.height)
        let view = ScrollView(lines: lines, scroll: scroll)
        view.draw(&canvas, in: body)
        return view.limit(height: body.height)
    }

    private func name(of subject: String) -> String {
        if let building = programme.building(subject) {
            return texts.name(building.nameEN, chinese: building.nameZH)
        }
        if let allocation = programme.allocation(subject) { return texts.name(allocation.name, chinese: allocation.chinese["name"]) }
        if let milestone = programme.milestone(subject) {
            return texts.name(milestone.name, chinese: milestone.chinese["name"])
        }
        return subject
    }
}
