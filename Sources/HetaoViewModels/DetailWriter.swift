import HetaoDomain
import HetaoText

/// What every kind of detail writes the same way: report stamps, the illustrative marker, dates,
/// notes, the recorded history and the sources, in the language shown.
struct DetailWriter {
    let programme: Programme
    let live: LiveContext
    let history: [StatusRecord]
    /// A word the history's rows must hold to be listed; empty lists them all.
    var historyFilter = ""
    let texts: Texts

    typealias Line = DetailViewModel.Line

    /// When and by whom a figure was reported; `stale` overrides the age rule (a completed
    /// building's progress never goes stale).
    func stamp(_ s: ReportStamp?, stale known: Bool? = nil) -> String {
        guard let s else { return "" }
        let stale = known ?? s.isStale(on: live.day, afterDays: live.staleAfterDays)
        return texts(.reportStamp, texts.day(s.asOf), s.recordedBy, stale ? texts(.staleSince, live.staleAfterDays) : "")
    }

    /// The illustrative marker for a value from `source`.
    func mark(_ source: String) -> String { programme.isIllustrative(source) ? Format.illustrativeMark : "" }

    func dated(_ d: DatedValue?) -> String { d.map { texts.date($0) + mark($0.sourceID) } ?? "—" }

    func note(_ english: String?, _ chinese: ChineseText) -> [Line] {
        english.map { [.blank, .heading(texts[.note]), .text(texts.name($0, chinese: chinese["note"]))] } ?? []
    }

    func sources(_ ids: [String]) -> [Line] {
        [.blank, .heading(texts[.sources])] + ids.map { id in
            guard let s = programme.source(id) else { return .text(texts(.notInDataset, id)) }
            let date = s.date.map { ", \(texts.date($0))" } ?? ""
            let reference = s.reference.map { ", \($0)" } ?? ""
            let url = s.url.map { " <\($0)>" } ?? ""
            return .field(Fact("[\(texts.confidence(s.confidence))]", "\(id): \(s.title). \(s.publisher)\(date)\(reference)\(url)",
                               illustrative: s.confidence == .illustrative))
        }
    }

    /// The recorded history of `kinds`: a trend of the values of the standing records and one
    /// row per record, corrections shown; with a filter, only the rows that hold it, and the
    /// heading says how many of how many.
    func historyLines(_ kinds: [RecordKind], trend: (StatusRecord) -> Double?, label: Phrase?) -> [Line] {
        let t = texts
        let records = history.filter { kinds.contains($0.kind) }
        guard !records.isEmpty else { return [] }
        let correctedBy = Dictionary(records.compactMap { r in r.supersedes.map { ($0, r.id) } }, uniquingKeysWith: { $1 })
        let values = records.standing.compactMap(trend)
        let rows = records.map { r in
            let mark = correctedBy[r.id].map { t(.supersededBy, $0) } ?? r.supersedes.map { t(.corrects, $0) } ?? ""
            return ["\(r.id)", t.day(r.asOf), t.summary(r) + mark, r.recordedBy, r.source]
        }
        let query = historyFilter.lowercased()
        let listed = query.isEmpty ? rows : rows.filter { $0.contains { $0.lowercased().contains(query) } }
        let heading = query.isEmpty ? t(.historyHeading, records.count) : t(.historyMatching, listed.count, records.count, historyFilter)
        var lines: [Line] = [.blank, .heading(heading)]
        if let label, values.count > 1 { lines.append(.trend(t[label], values)) }
        guard !listed.isEmpty else { return lines }
        lines.append(.columns([t[.historyNumber], t[.historyAsOf], t[.historyReported], t[.historyBy], t[.historySource]]))
        return lines + listed.suffix(40).map { .columns($0) }
    }
}
