import CSV
import Foundation
import HetaoDomain
import HetaoText
import TerminalKit

/// The plain, non-interactive report: what the dashboard shows, for pipes, cron and scripts.
public struct Report {
    public let programme: Programme
    public let sections: [ReportSection]

    /// Text tables wider than this are printed as one block per row instead.
    public var width: Int
    /// The language of text, Markdown and CSV headers; JSON keys and values are always English.
    public let texts: Texts
    /// The day shown, today and the settings every figure is reckoned with.
    public let reckoning: Reckoning
    /// What changed over `period`, net, and the computed figures that moved, for the changes section.
    public let changes: [NetChange]
    public let derived: [DerivedChange]
    public let period: ClosedRange<Day>?

    public init(programme: Programme, reckoning: Reckoning, sections: [ReportSection] = ReportSection.allCases,
                width: Int = 100, language: Language = .english, changes: [NetChange] = [], derived: [DerivedChange] = [],
                period: ClosedRange<Day>? = nil) {
        self.programme = programme
        self.reckoning = reckoning
        self.sections = sections
        self.width = width
        texts = Texts(language)
        self.changes = changes
        self.derived = derived
        self.period = period
    }

    private var knownOn: Day? { reckoning.knownOn }

    /// `; as known on 2026-06-30` after the title, for a report of the past.
    private var knownOnSuffix: String { knownOn.map { texts(.reportKnownOn, texts.day($0)) } ?? "" }

    private var title: String { Self.clean(texts.name(programme.title, chinese: programme.titleZH)) }

    private func heading(_ section: ReportSection) -> String {
        switch section {
        case .overview: return texts[.sectionOverview]
        case .phases: return texts[.sectionPhases]
        case .buildings: return texts[.sectionBuildings]
        case .budget: return texts[.sectionBudget]
        case .schedule: return texts[.sectionSchedule]
        case .evm: return texts[.sectionEVM]
        case .changes: return texts[.sectionChanges]
        case .institutions: return texts[.sectionInstitutions]
        case .sources: return texts[.sectionSources]
        }
    }

    public func render(_ format: ReportFormat) -> String {
        switch format {
        case .json:
            var json = ReportJSON(programme: programme, sections: sections, reckoning: reckoning, changes: changes, derived: derived)
            if sections.contains(.changes) {
                json.since = period?.lowerBound.iso
                json.until = period?.upperBound.iso
            }
            json.knownOn = knownOn?.iso
            return json.encoded()
        case .text: return text()
        case .markdown: return markdown()
        case .csv: return csv()
        }
    }

    private var tables: [ReportTable] {
        let builder = ReportTables(programme: programme, texts: texts, reckoning: reckoning, changes: changes, derived: derived,
                                   period: period)
        return sections.flatMap { builder.tables(for: $0) }
    }

    private static func clean(_ text: String) -> String { TextSanitizer.clean(text) }

    private static func shown(_ cell: ReportCell) -> String {
        clean(cell.text) + Format.mark(cell.isIllustrative && !cell.text.isEmpty)
    }

    // MARK: - Text

    private func text() -> String {
        var out = texts(.reportTitleAsOf, title, texts.day(programme.dataAsOf), texts.asOfFigure(programme)) + knownOnSuffix + "\n"
        if tables.contains(where: \.hasIllustrative) { out += texts[.reportIllustrativeNote] + "\n" }
        var lastSection: ReportSection?
        for table in tables {
            if table.section != lastSection {
                out += "\n" + heading(table.section).uppercased() + "\n"
                lastSection = table.section
            }
            out += "\n" + Self.clean(table.title) + "\n" + textTable(table)
        }
        return out
    }

    /// Columns aligned in `width`; when too wide, the widest column wraps; when even that does
    /// not fit, one block per row with the first column as its heading.
    private func textTable(_ table: ReportTable) -> String {
        let cells = table.rows.map { $0.map(Self.shown) }
        var widths = table.columns.indices.map { c in
            max(TextWidth.of(table.columns[c].title), cells.map { TextWidth.of($0[c]) }.max() ?? 0)
        }
        let gaps = 2 * widths.count
        if widths.reduce(0, +) + gaps > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }) {
            widths[widest] = width - gaps - (widths.reduce(0, +) - widths[widest])
        }
        guard widths.allSatisfy({ $0 >= 1 }), widths.max().map({ $0 >= 16 }) == true else {
            return cells.map { row in
                "  " + row[0] + "\n" + row.indices.dropFirst().filter { !row[$0].isEmpty }.map {
                    "      \(table.columns[$0].title): \(row[$0])\n"
                }.joined()
            }.joined()
        }
        let lines = { (values: [String]) -> String in
            let wrapped = values.indices.map { TextWidth.wrap(values[$0], to: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { row in
                var line = "  " + values.indices.map { c in
                    TextWidth.pad(row < wrapped[c].count ? wrapped[c][row] : "", to: widths[c],
                                  alignRight: table.columns[c].alignRight)
                }.joined(separator: "  ")
                while line.hasSuffix(" ") { line.removeLast() }
                return line + "\n"
            }.joined()
        }
        return lines(table.columns.map(\.title)) + lines(widths.map { String(repeating: "-", count: $0) })
            + cells.map(lines).joined()
    }

    // MARK: - Markdown

    private func markdown() -> String {
        var out = "# \(title)\n\n" + texts(.reportMarkdownAsOf, texts.day(programme.dataAsOf), texts.asOfFigure(programme)) + knownOnSuffix + "\n"
        if tables.contains(where: \.hasIllustrative) { out += "\n\\" + texts[.reportIllustrativeNote] + "\n" }
        var lastSection: ReportSection?
        let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "*", with: "\\*") }
        for table in tables {
            if table.section != lastSection {
                out += "\n## \(heading(table.section))\n"
                lastSection = table.section
            }
            out += "\n### \(escape(Self.clean(table.title)))\n\n"
            out += "| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
            out += "|" + table.columns.map { $0.alignRight ? " ---: |" : " --- |" }.joined() + "\n"
            for row in table.rows {
                out += "| " + row.map { cell in
                    escape(Self.clean(cell.text).trimmedWhitespace) + (cell.isIllustrative && !cell.text.isEmpty ? "\\*" : "")
                }.joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    // MARK: - CSV

    /// One CSV table per report table, separated by an empty line. Values are exact (money in
    /// whole HK dollars); the last column names the columns whose value is illustrative. Cells
    /// a spreadsheet would run as formulas start with `'` (`CSVCell`). Headers are the column
    /// keys in English and the column titles in Chinese.
    private func csv() -> String {
        let english = texts.language == .english
        return tables.map { table in
            let stream = OutputStream(toMemory: ())
            // Writing to memory with a valid configuration cannot fail.
            guard let writer = try? CSVWriter(stream: stream) else { return "" }
            let names = table.columns.map { english ? $0.key : $0.title }
            try? writer.write(row: [texts[.reportTableColumn]] + names + [texts[.reportIllustrativeColumn]])
            for row in table.rows {
                let illustrative = row.indices.filter { row[$0].isIllustrative }.map { names[$0] }
                let cells = [table.title] + row.map { Self.clean($0.raw) } + [illustrative.joined(separator: " ")]
                try? writer.write(row: cells.map(CSVCell.neutralised))
            }
            writer.stream.close()
            let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }.joined(separator: "\n")
    }
}
