import HetaoDomain
import HetaoReport
import HetaoText
import TerminalKit

/// The brief written out: one self-contained HTML page (inline SVG and CSS, system fonts, a
/// print stylesheet for A4), Markdown with the pictures beside it, or plain text in a width.
extension Brief {
    /// The pictures as files of their own, for Markdown: name and content.
    public var pictures: [(name: String, svg: String)] {
        [("gantt.svg", gantt.svg(standalone: true))] + (sCurve.map { [("s-curve.svg", $0.svg(standalone: true))] } ?? [])
            + [("budget.svg", budget.svg(standalone: true))]
    }

    private var texts: Texts { Texts(language) }

    /// Each cited source, one line: its title, publisher, date and address, and how far it is trusted.
    private func sourceLine(_ s: Source) -> String {
        let t = texts
        let date = s.date.map { ", " + t.date($0) } ?? ""
        let reference = s.reference.map { ", " + $0 } ?? ""
        return "\(s.title). \(s.publisher)\(date)\(reference). " + (s.url.map { $0 + " " } ?? "")
            + "(\(t.confidence(s.confidence)))" + Format.mark(s.confidence == .illustrative)
    }

    // MARK: - HTML

    public func html() -> String {
        let t = texts
        var out = "<!DOCTYPE html>\n<html lang=\"\(language == .english ? "en" : "zh-Hant")\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\(HTML.escape(title))</title>\n"
            + "<style>\n\(Self.css)</style>\n</head>\n<body>\n<header>\n<h1>\(HTML.escape(title))</h1>\n"
            + "<p class=\"period\">\(HTML.escape(period)) · \(HTML.escape(dataAsOf))</p>\n"
        out += "<p class=\"note\">\(HTML.escape(provenance))"
            + (hasIllustrative ? " " + HTML.escape(t[.reportIllustrativeNote]) : "") + "</p>\n</header>\n"
        for part in parts {
            out += "<section id=\"\(part.id)\">\n<h2>\(HTML.escape(part.heading))</h2>\n"
            for table in part.tables {
                if let caption = table.caption(under: part.heading) { out += "<h3>\(HTML.escape(caption))</h3>\n" }
                if !table.rows.isEmpty { out += HTML.table(table) }
            }
            if let note = part.note { out += "<p class=\"note\">\(HTML.escape(note))</p>\n" }
            // After the table: its rows may start on one page and end on the next, the picture may not.
            if part.id == "money" { out += figure(budget.svg(), caption: t[.briefBudgetTitle]) }
            out += "</section>\n"
            if part.id == "headline" {
                out += figure(gantt.svg(), caption: t[.briefGanttTitle] + (ganttNote.map { ". " + $0 } ?? ""))
                if let sCurve { out += figure(sCurve.svg(), caption: sCurve.title) }
            }
        }
        out += "<section id=\"sources\">\n<h2>\(HTML.escape(t[.sources]))</h2>\n<ol class=\"sources\">\n"
        for (i, source) in sources.enumerated() {
            out += "<li id=\"s\(i + 1)\">\(HTML.escape(sourceLine(source)))</li>\n"
        }
        out += "</ol>\n</section>\n"
        if let appendix {
            out += "<section id=\"appendix\">\n<h2>\(HTML.escape(t[.briefAppendix]))</h2>\n" + HTML.table(appendix) + "</section>\n"
        }
        return out + "</body>\n</html>\n"
    }

    private func figure(_ svg: String, caption: String) -> String {
        "<figure>\n\(svg)\n<figcaption>\(HTML.escape(caption))</figcaption>\n</figure>\n"
    }

    /// Fonts every system has (Traditional Chinese ones named), compact for one or two A4 pages.
    static let css = """
        body { font-family: \(SVG.fonts); font-size: 10.5pt; line-height: 1.35; color: #222;
               max-width: 190mm; margin: 1.5em auto; padding: 0 1em; }
        h1 { font-size: 15pt; margin: 0; }
        h2 { font-size: 11.5pt; margin: 0.8em 0 0.25em; border-bottom: 1px solid #bbb; }
        h3 { font-size: 10pt; margin: 0.5em 0 0.2em; }
        .period { color: #555; margin: 0.2em 0 0.4em; }
        .note { font-size: 8.5pt; color: #555; margin: 0.3em 0; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
        th, td { text-align: left; vertical-align: top; padding: 1px 5px; border-bottom: 1px solid #e4e4e4; }
        th { border-bottom: 1px solid #888; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .ill { color: #7b3294; }
        .cite { white-space: nowrap; font-size: 7.5pt; }
        .cite a { color: #555; text-decoration: none; }
        figure { margin: 0.5em 0; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: 8pt; color: #555; }
        ol.sources { font-size: 7pt; columns: 2; column-gap: 1.4em; padding-left: 2em; margin: 0.2em 0; }
        ol.sources li { break-inside: avoid; overflow-wrap: anywhere; }
        @page { size: A4; margin: 10mm 11mm; }
        @media print {
          body { margin: 0; padding: 0; max-width: none; font-size: 8.5pt; line-height: 1.2; }
          table { font-size: 7.5pt; }
          ol.sources { font-size: 6.3pt; line-height: 1.2; }
          h2 { margin-top: 0.5em; }
          figure { margin: 0.3em 0; }
          figure, tr, li { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
          #appendix { break-before: page; }
        }

        """

    // MARK: - Markdown

    /// Markdown for an email or a wiki; `pictures` true links the SVG files written beside it.
    public func markdown(pictures: Bool) -> String {
        let t = texts
        var out = "# \(Markdown.escape(title))\n\n\(Markdown.escape(period)) · \(Markdown.escape(dataAsOf))\n\n"
            + Markdown.escape(provenance) + "\n"
        if hasIllustrative { out += "\n\\" + t[.reportIllustrativeNote] + "\n" }
        func picture(_ file: String, _ caption: String) {
            guard pictures else { return }
            out += "\n![\(Markdown.escape(caption))](\(file))\n"
        }
        for part in parts {
            out += "\n## \(Markdown.escape(part.heading))\n"
            if part.id == "money" { picture("budget.svg", t[.briefBudgetTitle]) }
            for table in part.tables {
                if let caption = table.caption(under: part.heading) { out += "\n**\(Markdown.escape(caption))**\n" }
                if !table.rows.isEmpty { out += "\n" + Markdown.table(table) }
            }
            if let note = part.note { out += "\n" + Markdown.escape(note) + "\n" }
            if part.id == "headline" {
                picture("gantt.svg", t[.briefGanttTitle])
                if let note = ganttNote { out += "\n" + Markdown.escape(note) + "\n" }
                if let sCurve { picture("s-curve.svg", sCurve.title) }
            }
        }
        out += "\n## \(Markdown.escape(t[.sources]))\n\n"
        for (i, source) in sources.enumerated() { out += "\(i + 1). " + Markdown.escape(sourceLine(source)) + "\n" }
        if let appendix { out += "\n## \(Markdown.escape(t[.briefAppendix]))\n\n" + Markdown.table(appendix) }
        return out
    }

    // MARK: - Text

    /// The same content as plain text in `width` columns, without the pictures.
    public func text(width: Int) -> String {
        let t = texts
        func wrapped(_ text: String, indent: String = "") -> String {
            TextWidth.wrap(TextSanitizer.clean(text), to: width - TextWidth.of(indent)).map { indent + $0 + "\n" }.joined()
        }
        var out = wrapped(title) + wrapped(period + " · " + dataAsOf) + wrapped(provenance)
        if hasIllustrative { out += wrapped(t[.reportIllustrativeNote]) }
        for part in parts {
            out += "\n" + part.heading.uppercased() + "\n"
            for table in part.tables {
                if let caption = table.caption(under: part.heading) { out += "\n" + wrapped(caption) }
                if !table.rows.isEmpty {
                    out += "\n" + TextTable(table).render(width: width, continued: t(.reportContinued, table.title))
                }
            }
            if let note = part.note { out += "\n" + wrapped(note) }
            if part.id == "headline", let note = ganttNote { out += "\n" + wrapped(note) }
        }
        out += "\n" + t[.sources].uppercased() + "\n\n"
        for (i, source) in sources.enumerated() {
            let number = "[\(i + 1)] "
            let lines = TextWidth.wrap(TextSanitizer.clean(sourceLine(source)), to: width - TextWidth.of(number))
            out += lines.enumerated().map { ($0 == 0 ? number : String(repeating: " ", count: number.count)) + $1 + "\n" }.joined()
        }
        if let appendix {
            out += "\n" + t[.briefAppendix].uppercased() + "\n\n" + TextTable(appendix).render(width: width, continued: t(.reportContinued, appendix.title))
        }
        return out
    }
}
