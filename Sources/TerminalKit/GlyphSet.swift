/// The characters lines, bars and markers are drawn with. `unicode` for UTF-8 terminals;
/// `lineDrawing` keeps box-drawing characters (which the backend turns into the terminal's
/// alternate character set) but uses ASCII elsewhere, for locales that are not UTF-8;
/// `ascii` uses nothing but ASCII.
public struct GlyphSet: Hashable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
    /// Marks either side of a focused pane's title.
    public var focusMark: Character
    /// Bar fill from empty to full in equal steps; the last is a full cell.
    public var barSteps: [Character]
    public var barEmpty: Character
    /// A schedule bar past its baseline's end: late work, told apart without colour.
    public var overrun: Character
    /// After the label of a row whose figures changed since the user last looked.
    public var changed: Character
    public var expanded, collapsed, leaf: String
    public var selection: String
    public var sortAscending, sortDescending: String
    public var ellipsis: String
    public var achieved, expected, today: Character
    public var sparkline: [Character]
    /// Whether text outside ASCII (Chinese names, ², …) can be shown at all.
    public var showsNonASCII: Bool
    /// Whether box-drawing characters pass through (the backend draws them from the terminal's
    /// alternate character set).
    public var keepsBoxDrawing: Bool

    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        focusMark: "┃",
        barSteps: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], barEmpty: "·", overrun: "▒", changed: "•",
        expanded: "▾ ", collapsed: "▸ ", leaf: "  ", selection: "›", sortAscending: "▲", sortDescending: "▼",
        ellipsis: "…", achieved: "●", expected: "○", today: "┆",
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], showsNonASCII: true, keepsBoxDrawing: true)

    public static let lineDrawing = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        // ASCII, not the line-drawing vertical: inside the reversed title, each switch into the
        // alternate character set costs the terminal a full attribute sequence.
        focusMark: "|",
        barSteps: ["#"], barEmpty: ".", overrun: "=", changed: "+",
        expanded: "- ", collapsed: "+ ", leaf: "  ", selection: ">", sortAscending: "^", sortDescending: "v",
        ellipsis: "~", achieved: "#", expected: "o", today: "|",
        sparkline: ["_", ".", "-", "=", "#"], showsNonASCII: false, keepsBoxDrawing: true)

    public static let ascii: GlyphSet = {
        var glyphs = lineDrawing
        (glyphs.horizontal, glyphs.vertical) = ("-", "|")
        (glyphs.topLeft, glyphs.topRight, glyphs.bottomLeft, glyphs.bottomRight) = ("+", "+", "+", "+")
        glyphs.keepsBoxDrawing = false
        return glyphs
    }()

    /// Text as this glyph set can show it: unchanged, or with what ASCII cannot hold replaced.
    public func text(_ value: String) -> String {
        guard !showsNonASCII else { return value }
        var out = ""
        for scalar in TextSanitizer.clean(value).unicodeScalars {
            switch scalar {
            case _ where scalar.isASCII: out.unicodeScalars.append(scalar)
            case "┆": out += "|"
            case "\u{2500}"..."\u{257F}" where keepsBoxDrawing: out.unicodeScalars.append(scalar)
            case "─": out += "-"
            case "↑": out += "^"
            case "↓": out += "v"
            case "←": out += "<"
            case "→": out += ">"
            case "²": out += "2"
            case "–", "—", "‑": out += "-"
            case "…": out += "..."
            case "‘", "’": out += "'"
            case "“", "”": out += "\""
            case "×": out += "x"
            case "█": out += "#"
            case "▒": out += "="
            case "◆", "●": out += "#"
            case "•": out += "+"
            case "◇", "○": out += "o"
            case TextSanitizer.lineBreakMark: out += "|"
            default: out += "?"
            }
        }
        return out
    }
}

extension GlyphSet {
    /// A horizontal bar for `ratio` (0–1) in `width` cells, with partial cells where the glyph set
    /// has them.
    public func bar(_ ratio: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let clamped = ratio.isFinite ? min(1, max(0, ratio)) : 0
        let steps = barSteps.count
        let units = Int((clamped * Double(width * steps)).rounded())
        let full = units / steps
        let part = units % steps
        var text = String(repeating: barSteps[steps - 1], count: full)
        if part > 0 { text.append(barSteps[part - 1]) }
        return text + String(repeating: barEmpty, count: max(0, width - full - (part > 0 ? 1 : 0)))
    }
}
