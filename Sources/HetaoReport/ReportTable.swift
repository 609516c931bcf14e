import HetaoDomain
import TerminalKit

/// The sections a report (and the dashboard) is organised in.
public enum ReportSection: String, CaseIterable, Sendable {
    case overview, phases, buildings, budget, schedule, evm, changes, institutions, sources
}

/// One cell: what a person reads, what a script reads, and whether the value is illustrative.
public struct ReportCell: Hashable, Sendable {
    public var text: String
    public var raw: String
    public var isIllustrative: Bool

    public init(_ text: String, raw: String? = nil, illustrative: Bool = false) {
        self.text = text
        self.raw = raw ?? text
        self.isIllustrative = illustrative
    }

    public static let empty = ReportCell("", raw: "")

    /// As text and Markdown show it: cleaned of control characters, `*` after an illustrative value.
    public var shown: String { TextSanitizer.clean(text) + Format.mark(isIllustrative && !text.isEmpty) }
}

/// A titled table of a report section.
public struct ReportTable: Hashable, Sendable {
    public struct Column: Hashable, Sendable {
        public var title: String
        /// The column name for CSV: lower-case, no spaces.
        public var key: String
        public var alignRight: Bool

        public init(_ title: String, key: String, alignRight: Bool = false) {
            self.title = title
            self.key = key
            self.alignRight = alignRight
        }
    }

    public var section: ReportSection
    public var title: String
    public var columns: [Column]
    public var rows: [[ReportCell]]

    public init(section: ReportSection, title: String, columns: [Column], rows: [[ReportCell]]) {
        self.section = section
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    public var hasIllustrative: Bool { rows.contains { $0.contains(where: \.isIllustrative) } }

    /// The table's own title under a section's `heading`, cleaned; nil where it says the same,
    /// so that no page says a heading twice.
    public func caption(under heading: String) -> String? {
        let title = TextSanitizer.clean(self.title)
        return title == heading ? nil : title
    }
}
