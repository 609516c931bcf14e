import HetaoReport
import TerminalKit

/// HTML from data: every string escaped and cleaned of control characters, so a name cannot
/// become markup; a table's column of citations links to the numbered list.
enum HTML {
    /// The key of a column whose cells cite sources by number (`raw`: the numbers).
    static let citations = "cited"
    static func escape(_ text: String) -> String {
        var out = ""
        for character in TextSanitizer.clean(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func table(_ table: ReportTable) -> String {
        func attributes(_ column: ReportTable.Column) -> String { column.alignRight ? " class=\"num\"" : "" }
        var out = "<table>\n<thead><tr>" + table.columns.map { "<th\(attributes($0))>\(escape($0.title))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>" + zip(table.columns, row).map { column, cell in
                if column.key == citations {
                    let links = cell.raw.split(separator: " ").map { "<a href=\"#s\($0)\">[\($0)]</a>" }.joined()
                    return "<td class=\"cite\">\(links)</td>"
                }
                let text = escape(cell.text)
                let shown = cell.isIllustrative && !cell.text.isEmpty ? "<span class=\"ill\">\(text)*</span>" : text
                return "<td\(attributes(column))>\(shown)</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
