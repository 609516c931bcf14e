import HetaoText
import TerminalKit

/// Every key binding, grouped by where it applies: built from the same table as input.
struct HelpOverlay {
    let scroll: Int
    let texts: Texts

    /// Draws the help; returns the largest useful scroll offset.
    func draw(_ canvas: inout Canvas, in rect: Rect) -> Int {
        canvas.grid.fill(rect)
        let t = texts
        let g = canvas.glyphs
        let inner = canvas.box(rect, title: t[.helpTitle], focused: true)
        guard inner.height > 0 else { return 0 }
        var lines: [(String, Style)] = []
        for scope in BindingScope.allCases {
            lines.append((t[scope.title], .title))
            for binding in KeyMap.bindings where binding.scope == scope {
                lines.append(("  " + TextWidth.pad(g.text(binding.keyLabel), to: 16) + " " + g.text(t[binding.description]), .plain))
            }
            let typing: [BindingScope: Phrase] = [.filter: .helpTypeIntoFilter, .form: .helpTypeIntoField]
            if let typed = typing[scope] { lines.append(("  " + TextWidth.pad(t[.helpAnyCharacter], to: 16) + " " + t[typed], .plain)) }
        }
        lines.append((t[.helpIllustrative], .muted))
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let view = ScrollView(lines: lines, scroll: scroll)
        drawMoreMarker(&canvas, in: rect, when: view.draw(&canvas, in: body), texts: t)
        return view.limit(height: body.height)
    }
}
