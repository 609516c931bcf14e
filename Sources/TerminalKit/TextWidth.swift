/// Terminal display width of text: East Asian wide and fullwidth characters take two cells,
/// combining marks and zero-width characters none. Tables align by this, not by `count`.
public enum TextWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        // Lines, blocks and the punctuation and arrows a screen is drawn with: one cell each,
        // known without looking up the scalar's properties.
        if (0x2500...0x25FF).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
            || (0x2190...0x21FF).contains(v) { return 1 }
        let props = scalar.properties
        if props.generalCategory == .nonspacingMark || props.generalCategory == .enclosingMark
            || props.generalCategory == .format || v == 0x200B { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    public static func of(_ character: Character) -> Int {
        if let byte = character.utf8.first, byte < 0x80, character.utf8.count == 1 { return byte >= 0x20 && byte != 0x7F ? 1 : 0 }
        var width = 0
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if width == 0 { width = w } else if w == 2 { width = 2 }
        }
        return width
    }

    public static func of(_ text: String) -> Int {
        // Printable ASCII, most of what tables hold, is a cell a byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The longest prefix of `text` that fits in `width` cells, with `…` (or `ellipsis`) when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let mark = of(ellipsis) <= width ? ellipsis : ""
        let budget = width - of(mark)
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        return result + mark
    }

    /// `text` padded with spaces (or cut) to exactly `width` cells.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let fill = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? fill + cut : cut + fill
    }

    /// Words of `text` laid into lines of at most `width` cells. Lines break at spaces; text
    /// without spaces breaks between wide (CJK) characters, as Chinese is set; a word longer
    /// than a line (an address) breaks after `/`, `?` and the like. Only a word with
    /// no such place is cut, and only where it is wider than the whole line; a character wider
    /// than the line (a Chinese one in one cell) gets a line of its own.
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if of(candidate) <= width {
                line = candidate
                continue
            }
            var rest = word
            // Chinese runs on from where the line is; another word starts a line of its own.
            if !line.isEmpty, rest.first.map({ of($0) == 2 }) == true {
                let head = prefix(of: rest, fitting: width - of(line) - 1)
                if !head.isEmpty {
                    lines.append(line + " " + head)
                    rest.removeFirst(head.count)
                    line = ""
                }
            }
            if !line.isEmpty { lines.append(line) }
            while of(rest) > width {
                let head = prefix(of: rest, fitting: width)
                // A character wider than the whole line still takes a line of its own.
                let cut = head.isEmpty ? truncate(rest, to: width, ellipsis: "") : head
                let taken = cut.isEmpty ? String(rest.prefix(1)) : cut
                lines.append(taken)
                rest.removeFirst(taken.count)
            }
            line = rest
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The widest piece of `text` no line break may split: what a column needs so that no
    /// word of it is cut.
    public static func unbreakable(_ text: String) -> Int {
        var widest = 0, piece = 0
        var previous: Character?
        for character in text {
            if character == " " {
                piece = 0
            } else {
                if let previous, mayBreak(after: previous, before: character) { piece = 0 }
                piece += of(character)
                widest = max(widest, piece)
            }
            previous = character
        }
        return widest
    }

    /// Whether a line may break between two characters of a word: next to a wide character, or
    /// after the `/`, `?`, `&` or `=` of an address. Not at a hyphen: ids, dates and ranges
    /// keep theirs.
    private static func mayBreak(after previous: Character, before next: Character) -> Bool {
        of(previous) == 2 || of(next) == 2 || ("/?&=".contains(previous) && next != "/")
    }

    /// The longest start of `word` that fits in `width` cells and ends where a line may break
    /// (the whole word when it fits); empty when no such place fits.
    private static func prefix(of word: String, fitting width: Int) -> String {
        guard width > 0 else { return "" }
        if of(word) <= width { return word }
        var used = 0, best: String.Index?
        var previous: Character?
        for index in word.indices {
            let character = word[index]
            // What comes before `index` fits: the loop stops once a character does not.
            if let previous, mayBreak(after: previous, before: character) { best = index }
            used += of(character)
            if used > width { break }
            previous = character
        }
        return best.map { String(word[..<$0]) } ?? ""
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// Strings from data never reach the terminal raw. In one-line text (a table cell, a history
/// line, a title) line breaks, including Unicode's line and paragraph separators, show as `↵`
/// so that a note cannot forge a line of output; tabs become spaces; other control characters
/// (C0, DEL, C1), the bidirectional controls that can disguise text, zero-width characters and
/// the byte-order mark are removed.
public enum TextSanitizer {
    public static let lineBreakMark: Unicode.Scalar = "↵"

    public static func clean(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCR: continue
            case 0x0A, 0x0D, 0x2028, 0x2029: result.append(lineBreakMark)
            case 0x09: result.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether `text` holds anything `clean` changes, read from its UTF-8 alone: most text
    /// drawn holds nothing, and is then drawn as it is.
    private static func needsCleaning(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            defer { previous = (previous.1, byte) }
            if byte < 0x20 || byte == 0x7F { return true }
            switch (previous.0, previous.1, byte) {
            case (_, 0xC2, 0x80...0x9F): return true                          // C1 controls
            case (0xE2, 0x80, 0x8B...0x8F), (0xE2, 0x80, 0xA8...0xAE),         // zero widths, line breaks, embeddings
                 (0xE2, 0x81, 0xA0...0xA9), (0xEF, 0xBB, 0xBF): return true    // invisible operators, isolates, BOM
            default: continue
            }
        }
        return false
    }
}
