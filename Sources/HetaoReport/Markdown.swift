import HetaoDomain
import TerminalKit

/// GitHub-flavoured Markdown from data: text escaped so that a name cannot make emphasis, a
/// table cell, a link in brackets or HTML of itself (a bare address still shows as a link).
public enum Markdown {
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in TextSanitizer.clean(text) {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]": out += "\\" + String(character)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A table: a header row, its alignment row, a row a line; illustrative values marked `*`.
    public static func table(_ table: ReportTable) -> String {
        var out = "| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.alignRight ? " ---: |" : " --- |" }.joined() + "\n"
        for row in table.rows {
            out += "| " + row.map { cell in
                escape(cell.text.trimmedWhitespace) + (cell.isIllustrative && !cell.text.isEmpty ? "\\*" : "")
            }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
