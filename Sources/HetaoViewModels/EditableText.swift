import HetaoDomain

/// An edit to a line of text, named by intent; the key map says which key does which.
public enum TextEdit: Hashable, Sendable {
    /// Typed or pasted text.
    case insert(String)
    case left, right, home, end
    case deleteBackward, deleteForward
    /// `Ctrl-U`: everything before the cursor.
    case deleteToStart
    /// `Ctrl-W`: the word before the cursor, and the spaces after it.
    case deleteWordBackward
}

/// One line of text being typed, with a cursor between characters: what a person expects of a
/// text field in a terminal (readline's keys). A prefilled value starts selected, as in any
/// form: typing replaces it, Backspace clears it, a cursor key keeps it. Characters are whole grapheme clusters, so a
/// Chinese character or an accented letter moves and deletes as one. Typed or pasted text
/// loses its control characters and hidden formatting; a line break (LF or CRLF) or tab becomes
/// a space, so a pasted paragraph stays one line of words.
public struct EditableText: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Characters before the cursor.
    public private(set) var cursor: Int
    /// The whole text is selected: the next character typed replaces it.
    public private(set) var isSelected: Bool

    /// `text` with the cursor at its end; `selected` for a prefilled value.
    public init(_ text: String = "", selected: Bool = false) {
        characters = Array(Self.clean(text))
        cursor = characters.count
        isSelected = selected && !characters.isEmpty
    }

    public var text: String { String(characters) }

    public mutating func apply(_ edit: TextEdit) {
        if isSelected {
            isSelected = false
            switch edit {
            case .insert, .deleteBackward, .deleteForward, .deleteToStart, .deleteWordBackward:
                characters = []
                cursor = 0
                if case .insert = edit { break }
                return
            case .left, .right, .home, .end:
                break
            }
        }
        switch edit {
        case .insert(let text):
            let added = Array(Self.clean(text))
            characters.insert(contentsOf: added, at: cursor)
            cursor += added.count
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .deleteBackward:
            guard cursor > 0 else { return }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .deleteToStart:
            characters.removeFirst(cursor)
            cursor = 0
        case .deleteWordBackward:
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        }
    }

    private static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x2028, 0x2029: out.append(" ")
            case _ where VisibleText.isHidden(scalar): continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
