import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit

/// The record form, drawn over the panes: one row per field (label, then the value with its
/// cursor), the validator's errors and warnings under the field they concern, and what Enter
/// will do. Typing rewrites only the focused field's row.
struct RecordFormView {
    let form: RecordForm
    let programme: Programme
    let texts: Texts

    static let labelWidth = 14

    func draw(_ canvas: inout Canvas, in area: Rect) {
        let t = texts
        let lines = body(width: min(area.width, 78) - 4)
        let width = min(area.width, 78)
        let height = min(area.height, lines.count + 2)
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, (area.height - height) / 3),
                        width: width, height: height)
        canvas.grid.fill(rect)
        let inner = canvas.box(rect, title: t[title], detail: subjectName, focused: true)
        guard inner.height > 0 else { return }
        for (i, line) in lines.prefix(inner.height).enumerated() {
            line(&canvas, Rect(x: inner.x + 1, y: inner.y + i, width: inner.width - 2, height: 1))
        }
    }

    private typealias Line = (inout Canvas, Rect) -> Void

    /// The form's rows, each drawn into a one-row rectangle `width` wide.
    private func body(width: Int) -> [Line] {
        let t = texts
        var lines: [Line] = [{ _, _ in }]
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.focus
            lines.append { canvas, row in
                let label = TextWidth.pad(t[Self.label(field)], to: Self.labelWidth - 2)
                let marker = focused ? String(canvas.glyphs.selection) + " " : "  "
                canvas.text(marker + label, x: row.x, y: row.y, style: focused ? Style(.focus, bold: true) : .plain, clip: row)
                let value = Rect(x: row.x + Self.labelWidth + 1, y: row.y, width: max(1, row.width - Self.labelWidth - 1), height: 1)
                if RecordForm.isChoice(field) {
                    drawChoice(field, &canvas, in: value, focused: focused)
                } else {
                    drawText(field, &canvas, in: value, focused: focused)
                }
            }
            var messages: [(String, Style)] = []
            if let phrase = form.unreadable[field] { messages.append((t[phrase], Style(.bad, bold: true))) }
            for issue in form.issues(for: field) {
                messages.append((t.issue(issue), Style(issue.severity == .error ? .bad : .warning, bold: true)))
            }
            for (message, style) in messages {
                for part in TextWidth.wrap(message, to: max(1, width - Self.labelWidth - 1)) {
                    lines.append { canvas, row in
                        canvas.text(part, x: row.x + Self.labelWidth + 1, y: row.y, style: style, clip: row)
                    }
                }
            }
        }
        lines.append { _, _ in }
        let footer: (String, Style)? = form.failure.map { (t(.formFailed, $0), Style(.bad, bold: true)) }
            ?? (form.awaitingConfirmation ? (t[.formConfirm], Style(.warning, bold: true)) : nil)
        if let footer {
            for part in TextWidth.wrap(footer.0, to: max(1, width)) {
                lines.append { canvas, row in canvas.text(part, x: row.x, y: row.y, style: footer.1, clip: row) }
            }
        }
        return lines
    }

    /// The field's text, scrolled so the cursor shows, underlined to its full width; the cursor
    /// a reversed cell. An empty required field says so in muted text.
    private func drawText(_ field: RecordField, _ canvas: inout Canvas, in rect: Rect, focused: Bool) {
        let edited = form.text(field)
        let shown = edited.characters.map { canvas.glyphs.text(String($0)) }
        let widths = shown.map(TextWidth.of)
        // The first character shown: as far left as keeps the cursor (and the cell it sits on) in view.
        var first = 0
        var before = widths[..<edited.cursor].reduce(0, +)
        while first < edited.cursor, before + 1 > rect.width {
            before -= widths[first]
            first += 1
        }
        canvas.grid.fill(rect, style: Style(.normal, underline: true))
        var x = rect.x
        for index in first..<shown.count {
            guard x + widths[index] <= rect.maxX else { break }
            let reversed = focused && (index == edited.cursor || edited.isSelected)
            let style = edited.isSelected && focused ? Style(.selection, reverse: true)
                : Style(.normal, reverse: reversed, underline: true)
            x += canvas.grid.put(shown[index], x: x, y: rect.y, style: style, clip: rect)
        }
        if shown.isEmpty, field == .source {
            canvas.text(texts[.formRequiredMark], x: rect.x + (focused ? 1 : 0), y: rect.y,
                        style: Style(.muted, dim: true, underline: true), clip: rect)
        }
        if focused, !edited.isSelected, edited.cursor == shown.count, x < rect.maxX {
            canvas.grid.put(" ", x: x, y: rect.y, style: Style(.normal, reverse: true), clip: rect)
        }
    }

    private func drawChoice(_ field: RecordField, _ canvas: inout Canvas, in rect: Rect, focused: Bool) {
        let value = form.choice(field)
        let word: String
        switch field {
        case .status: word = value.flatMap(BuildingStatus.init(rawValue:)).map(texts.status) ?? texts[.statusAsImplied]
        case .supersedes:
            word = form.corrected.map { texts(.correctionChoice, String($0.id), texts.summary($0), texts.day($0.asOf), $0.recordedBy) }
                ?? ""
        default: word = value.flatMap(BuildingEvent.init(rawValue:)).map(texts.event) ?? ""
        }
        canvas.text("< \(word) >", x: rect.x, y: rect.y, style: focused ? Style(.focus, bold: true) : .plain, clip: rect)
    }

    private var title: Phrase {
        switch form.kind {
        case .progress: return .formTitleProgress
        case .milestone: return .formTitleMilestone
        case .leasing: return .formTitleLeasing
        case .spend: return .formTitleSpend
        }
    }

    /// The subject as the panes name it, with the id `hetao record` takes.
    private var subjectName: String {
        if let building = programme.building(form.subject) {
            return texts(.formFor, texts.name(building.nameEN, chinese: building.nameZH), form.subject)
        }
        if let allocation = programme.allocation(form.subject) {
            return texts(.formFor, texts.name(allocation.name, chinese: allocation.chinese["name"]), form.subject)
        }
        return form.subject
    }

    static func label(_ field: RecordField) -> Phrase {
        switch field {
        case .percent: return .fieldPercent
        case .asOf: return .fieldAsOf
        case .source: return .fieldSource
        case .note: return .fieldNote
        case .status: return .fieldStatus
        case .event: return .fieldEvent
        case .forecast: return .fieldForecast
        case .actual: return .fieldActual
        case .shareLet: return .fieldShareLet
        case .tenants: return .fieldTenants
        case .committed: return .fieldCommitted
        case .spent: return .fieldSpent
        case .supersedes: return .fieldCorrects
        case .subject, .recordedBy: return .name
        }
    }
}
