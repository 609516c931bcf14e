import TerminalKit

/// A table laid out in a width for a file, a pipe or an email: every column gets at least what
/// its longest word needs (so no word is broken across lines), the room left goes to the
/// columns with the most text, and cells wrap at word boundaries (Chinese between characters).
/// A table too wide even so is printed in parts, each repeating the first column.
public struct TextTable {
    let titles: [String]
    let alignRight: [Bool]
    let rows: [[String]]

    /// A report table's cells as text reads them: cleaned, illustrative values marked `*`.
    public init(_ table: ReportTable) {
        titles = table.columns.map { TextSanitizer.clean($0.title) }
        alignRight = table.columns.map(\.alignRight)
        rows = table.rows.map { $0.map(\.shown) }
    }

    /// What a line starts with, and what is between columns.
    static let indent = 2, gap = 2
    /// A column narrower than this (or its text) wraps into too many lines to read; a name as
    /// long as "Phase 1 (west)" stays on one line.
    static let comfortable = 16

    /// The table's lines in `width` cells; parts after the first follow `continued`.
    public func render(width: Int, continued: String) -> String {
        let natural = titles.indices.map { c in ([titles[c]] + rows.map { $0[c] }).map(TextWidth.of).max() ?? 0 }
        let least = titles.indices.map { c in
            max(([titles[c]] + rows.map { $0[c] }).map(TextWidth.unbreakable).max() ?? 0, min(natural[c], Self.comfortable))
        }
        return parts(least: least, width: width).enumerated().map { index, columns in
            (index == 0 ? "" : "\n" + TextWidth.wrap(continued, to: width).joined(separator: "\n") + "\n")
                + lines(columns, widths: widths(columns, natural, least, width))
        }.joined()
    }

    /// Groups of columns that fit `width` at their least widths: all of them when they fit,
    /// else the first column and as many more as fit, then the first again with the next.
    private func parts(least: [Int], width: Int) -> [[Int]] {
        func needs(_ columns: [Int]) -> Int { Self.indent + columns.map { least[$0] }.reduce(0, +) + Self.gap * (columns.count - 1) }
        let all = Array(titles.indices)
        guard needs(all) > width, all.count > 1 else { return [all] }
        var parts: [[Int]] = []
        var current = [0]
        for column in all.dropFirst() {
            if current.count > 1, needs(current + [column]) > width {
                parts.append(current)
                current = [0]
            }
            current.append(column)
        }
        return parts + [current]
    }

    /// Each column's width: its natural width when all fit, else its least plus a share of the
    /// room left in proportion to how much more it would take.
    private func widths(_ columns: [Int], _ natural: [Int], _ least: [Int], _ width: Int) -> [Int] {
        let room = width - Self.indent - Self.gap * (columns.count - 1)
        if columns.map({ natural[$0] }).reduce(0, +) <= room { return columns.map { natural[$0] } }
        let spare = max(0, room - columns.map { least[$0] }.reduce(0, +))
        let wanted = columns.map { natural[$0] - least[$0] }
        let total = max(1, wanted.reduce(0, +))
        var widths = columns.indices.map { least[columns[$0]] + spare * wanted[$0] / total }
        // What rounding left over goes to the columns that want more, widest want first.
        var left = spare - columns.indices.map { widths[$0] - least[columns[$0]] }.reduce(0, +)
        for i in columns.indices.sorted(by: { wanted[$0] > wanted[$1] }) where left > 0 && widths[i] < natural[columns[i]] {
            widths[i] += 1
            left -= 1
        }
        return widths
    }

    private func lines(_ columns: [Int], widths: [Int]) -> String {
        func line(_ values: [String]) -> String {
            let wrapped = values.indices.map { TextWidth.wrap(values[$0], to: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { row in
                var text = String(repeating: " ", count: Self.indent) + values.indices.map { i in
                    TextWidth.pad(row < wrapped[i].count ? wrapped[i][row] : "", to: widths[i], alignRight: alignRight[columns[i]])
                }.joined(separator: String(repeating: " ", count: Self.gap))
                while text.hasSuffix(" ") { text.removeLast() }
                return text + "\n"
            }.joined()
        }
        return line(columns.map { titles[$0] }) + line(widths.map { String(repeating: "-", count: $0) })
            + rows.map { row in line(columns.map { row[$0] }) }.joined()
    }
}
