/// Drawing helpers every pane shares: boxes, bars, aligned cells and wrapped text.
public struct Canvas {
    public var grid: Grid
    public let glyphs: GlyphSet
    /// The rows and headers drawn, where a mouse can act on them, in drawing order.
    public var regions: [(rect: Rect, region: Region)] = []

    public init(grid: Grid, glyphs: GlyphSet) {
        self.grid = grid
        self.glyphs = glyphs
    }

    /// Writes text as the glyph set can show it, clipped to `clip`.
    @discardableResult
    public mutating func text(_ value: String, x: Int, y: Int, style: Style = .plain, clip: Rect) -> Int {
        grid.put(glyphs.text(value), x: x, y: y, style: style, clip: clip)
    }

    /// Writes `value` padded or cut (with an ellipsis) to exactly `width` cells.
    public mutating func cell(_ value: String, x: Int, y: Int, width: Int, alignRight: Bool = false,
                              style: Style = .plain, clip: Rect) {
        guard width > 0 else { return }
        let fitted = TextWidth.pad(glyphs.text(value), to: width, alignRight: alignRight, ellipsis: glyphs.ellipsis)
        grid.put(fitted, x: x, y: y, style: style, clip: clip)
    }

    /// A bordered box with a title and, after it, a plainer `detail`. A focused box's title is
    /// reversed and bracketed by marks, so focus shows without colour; the border and the detail
    /// stay as they are, so moving focus rewrites two short titles, not two frames (which matters
    /// on a slow link). Returns the inner rectangle.
    @discardableResult
    public mutating func box(_ rect: Rect, title: String, detail: String = "", focused: Bool) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = glyphs
        let inner = rect.width - 2
        grid.put(String(g.topLeft) + String(repeating: g.horizontal, count: inner) + String(g.topRight), x: rect.x,
                 y: rect.y, clip: rect)
        grid.put(String(g.bottomLeft) + String(repeating: g.horizontal, count: inner) + String(g.bottomRight), x: rect.x,
                 y: rect.maxY - 1, clip: rect)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            grid.put(String(g.vertical), x: rect.x, y: y, clip: rect)
            grid.put(String(g.vertical), x: rect.maxX - 1, y: y, clip: rect)
        }
        if rect.width > 8 {
            let room = rect.width - 8
            let name = TextWidth.truncate(glyphs.text(title), to: room, ellipsis: g.ellipsis)
            let label = focused ? "\(g.focusMark) \(name) \(g.focusMark)" : "  \(name)  "
            grid.put(label, x: rect.x + 1, y: rect.y, style: focused ? Style(.focus, bold: true, reverse: true) : .title,
                     clip: rect)
            let left = room - TextWidth.of(name) - 1
            if !detail.isEmpty, left >= 4 {
                let text = TextWidth.truncate(glyphs.text(detail), to: left, ellipsis: g.ellipsis)
                grid.put(" \(text) ", x: rect.x + 1 + TextWidth.of(label), y: rect.y, style: .title, clip: rect)
            }
        }
        return rect.inset(by: 1)
    }

    /// A sparkline of the last `width` of `values`, scaled between their minimum and maximum.
    public static func sparkline(_ values: [Double], width: Int, glyphs: GlyphSet) -> String {
        let shown = values.suffix(max(0, width))
        guard let low = shown.min(), let high = shown.max() else { return "" }
        let levels = glyphs.sparkline
        return String(shown.map { value in
            let position = high > low ? (value - low) / (high - low) : 1
            return levels[min(levels.count - 1, Int((position * Double(levels.count - 1)).rounded()))]
        })
    }

    /// Wrapped text from the top of `rect`; returns the rows used.
    @discardableResult
    public mutating func paragraph(_ value: String, in rect: Rect, style: Style = .plain) -> Int {
        let lines = TextWidth.wrap(glyphs.text(value), to: rect.width)
        for (i, line) in lines.prefix(rect.height).enumerated() {
            grid.put(line, x: rect.x, y: rect.y + i, style: style, clip: rect)
        }
        return min(lines.count, rect.height)
    }
}
