import CSV
import Foundation
import HetaoDomain
import HetaoText
import TerminalKit

/// The plain, non-interactive report: what the dashboard shows, for pipes, cron and scripts.
public struct Report {
    public let programme: Programme
    public let sections: [ReportSection]

    /// The columns text tables fit (`TextTable`: too wide a table is printed in parts).
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

    var tables: [ReportTable] {
        let builder = ReportTables(programme: programme, texts: texts, reckoning: reckoning, changes: changes, derived: derived,
                                   period: period)
        return sections.flatMap { builder.tables(for: $0) }
    }

    private static func clean(_ text: String) -> String { TextSanitizer.clean(text) }

    // MARK: - Text

    private func text() -> String {
        var out = texts(.reportTitleAsOf, title, texts.day(programme.dataAsOf), texts.asOfFigure(programme)) + knownOnSuffix + "\n"
        let tables = self.tables
        if tables.contains(where: \.hasIllustrative) { out += texts[.reportIllustrativeNote] + "\n" }
        for (section, table, isFirst) in placed(tables) {
            if isFirst { out += "\n" + heading(section).uppercased() + "\n" }
            let caption = table.caption(under: heading(section))
            if let caption { out += "\n" + caption + "\n" }
            out += "\n" + textTable(table, continued: texts(.reportContinued, caption ?? heading(section)))
        }
        return out
    }

    /// The tables in order, each with its section and whether it is the section's first: a
    /// section's heading is written once, and a table titled as its section gets no title of
    /// its own.
    private func placed(_ tables: [ReportTable]) -> [(ReportSection, ReportTable, Bool)] {
        tables.enumerated().map { i, table in (table.section, table, i == 0 || tables[i - 1].section != table.section) }
    }

    /// The table in `width`: no word broken across lines; too wide a table in parts.
    func textTable(_ table: ReportTable, continued: String) -> String {
        TextTable(table).render(width: width, continued: continued)
    }

    // MARK: - Markdown

    /// GitHub-flavoured Markdown: one heading per section, a table's own title (where it is not
    /// the section's) in bold above it.
    private func markdown() -> String {
        var out = "# \(Markdown.escape(title))\n\n" + texts(.reportMarkdownAsOf, texts.day(programme.dataAsOf), texts.asOfFigure(programme))
            + knownOnSuffix + "\n"
        let tables = self.tables
        if tables.contains(where: \.hasIllustrative) { out += "\n\\" + texts[.reportIllustrativeNote] + "\n" }
        for (section, table, isFirst) in placed(tables) {
            if isFirst { out += "\n## \(Markdown.escape(heading(section)))\n" }
            if let caption = table.caption(under: heading(section)) { out += "\n**\(Markdown.escape(caption))**\n" }
            out += "\n" + Markdown.table(table)
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
