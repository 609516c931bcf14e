/// One terminal cell: a character (a whole grapheme) and its style. The second cell of a wide
/// character is a continuation that holds nothing of its own.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// The in-memory screen every pane draws on. The backend presents it; tests read its lines.
public struct Grid: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < size.width && y < size.height }

    /// Writes `text` from (x, y), clipped to `clip` (and the grid), sanitized of control
    /// characters. A wide character that would straddle the clip edge is replaced by a space.
    /// Returns the number of cells written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= max(0, area.y), y < min(size.height, area.maxY) else { return 0 }
        let limit = min(size.width, area.maxX)
        var column = x
        for character in TextSanitizer.clean(text) {
            let width = TextWidth.of(character)
            if width == 0 { continue }
            if column >= limit { break }
            if column + width > limit {
                if column >= max(0, area.x) { self[column, y] = Cell(" ", style: style) }
                column += 1
                break
            }
            if column >= max(0, area.x) {
                clearWide(at: column, y: y)
                self[column, y] = Cell(character, style: style)
                if width == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell(" ", style: style, isContinuation: true)
                }
            }
            column += width
        }
        return column - x
    }

    /// Fills `rect` with `character` in `style`. A wide character cut by its edge is blanked.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let left = max(0, rect.x), right = min(size.width, rect.maxX)
        guard left < right else { return }
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            clearWide(at: left, y: y)
            clearWide(at: right - 1, y: y)
            for x in left..<right { self[x, y] = Cell(character, style: style) }
        }
    }

    /// Overwriting half of a wide character blanks its other half, so no half-glyph remains.
    private mutating func clearWide(at x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", style: self[x - 1, y].style) }
        if x + 1 < size.width, self[x + 1, y].isContinuation { self[x + 1, y] = Cell(" ", style: self[x + 1, y].style) }
    }

    /// The text of each row, trailing spaces removed: what a person would read.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
