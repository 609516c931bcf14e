/// Input quoted back in a message, with every character that could act on a terminal or hide
/// itself shown as an escape: `ESC ] 0 ; x BEL` reads `\e]0;x\u{7}` and a newline `\n`, so an
/// error about a hostile value can neither retitle the window, clear the screen nor forge a
/// line of output.
public enum VisibleText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x1B: out += "\\e"
            case _ where isHidden(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` escaped, in single quotes.
    public static func quoted(_ text: String) -> String { "'" + escaped(text) + "'" }

    /// Control characters (C0, DEL, C1), bidirectional controls that can disguise the order of
    /// text, zero-width characters, line and paragraph separators and the byte-order mark.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// The first character of `text` that a record may not hold (any control character other
    /// than tab and line breaks), with its position counted in characters from 1.
    public static func firstControlCharacter(in text: String) -> (scalar: Unicode.Scalar, column: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: continue
            case 0x00..<0x20, 0x7F..<0xA0: return (scalar, offset + 1)
            default: continue
            }
        }
        return nil
    }
}
