import HetaoDomain
import HetaoText
import TerminalKit

/// What was recorded since the user last looked, newest first: what, from → to, when and by whom.
struct ChangesOverlay {
    let programme: Programme
    let lastVisit: String?
    let changes: [RecordChange]
    let scroll: Int
    let texts: Texts

    func draw(_ canvas: inout Canvas, in rect: Rect) -> Int {
        let t = texts
        canvas.grid.fill(rect)
        // Times are the viewer's local time; the zone is named once, in the title.
        let title = lastVisit.map { t(.changesTitle, LocalTime.minute(of: $0) + " " + LocalTime.zone) } ?? t[.keyChanges]
        let inner = canvas.box(rect, title: title, focused: true)
        guard inner.height > 0 else { return 0 }
        var lines: [(String, Style)] = []
        if lastVisit == nil { lines.append((t[.changesFirstVisit], .muted)) }
        if lastVisit != nil && changes.isEmpty { lines.append((t[.changesNone], .muted)) }
        for change in changes {
            let record = change.record
            let what = name(of: record.subject) + " · " + texts.kindName(record.kind, event: record.event)
            let from = change.previous.map { t.summary($0) } ?? "—"
            lines.append((t(.changesLine, what, from, t.summary(record)), Style(.accent)))
            lines.append(("  " + t(.changesBy, LocalTime.minute(of: record.recordedAt), record.recordedBy) + "; " + record.source, .muted))
        }
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let view = ScrollView(lines: lines, scroll: scroll)
        view.draw(&canvas, in: body)
        return view.limit(height: body.height)
    }

    private func name(of subject: String) -> String {
        if let building = programme.buildings.first(where: { $0.id == subject }) {
            return texts.name(building.nameEN, chinese: building.nameZH)
        }
        if let allocation = programme.allocation(subject) { return texts.name(allocation.name, chinese: allocation.chinese["name"]) }
        if let milestone = programme.milestones.first(where: { $0.id == subject }) {
            return texts.name(milestone.name, chinese: milestone.chinese["name"])
        }
        return subject
    }
}
