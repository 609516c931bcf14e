import HetaoDomain
import HetaoText

/// One net change as the list of changes shows it, in the language shown: what the figure is,
/// from what to what, how many records, and who made the last one, when, citing what. The
/// overlay draws these words and `/` looks in the same ones, so what is found is what is read.
public struct ChangeLine: Hashable, Sendable {
    public let change: NetChange
    /// "Building 8 · progress: 40% → 55% (2 records)".
    public let text: String
    /// "14:02 by alice; site survey".
    public let byline: String

    public init(_ change: NetChange, programme: Programme, texts t: Texts) {
        self.change = change
        let last = change.latest
        let what = Self.name(of: change.subject, in: programme, texts: t) + " · " + t.kindName(last.kind, event: last.event)
        let from = change.before.map { t.summary($0) } ?? "—"
        let to = change.after.map { t.summary($0) } ?? t[.reportWithdrawn]
        let corrected = change.correctedBy.count
        let count = (change.records.count == 1 ? t[.changesCountOne] : t(.changesCount, change.records.count))
            + (corrected > 0 ? t(.changesCorrected, corrected) : "")
        text = t(.changesLine, what, from, to) + " (" + count + ")"
        byline = t(.changesBy, LocalTime.minute(of: last.recordedAt), last.recordedBy) + "; " + last.source
    }

    /// Whether the line holds `query`, ignoring case; the figure's id counts too.
    public func matches(_ query: String) -> Bool {
        let query = query.lowercased()
        return query.isEmpty || [text, byline, change.subject].contains { $0.lowercased().contains(query) }
    }

    private static func name(of subject: String, in programme: Programme, texts: Texts) -> String {
        if let building = programme.building(subject) { return texts.name(building.nameEN, chinese: building.nameZH) }
        if let allocation = programme.allocation(subject) { return texts.name(allocation.name, chinese: allocation.chinese["name"]) }
        if let milestone = programme.milestone(subject) { return texts.name(milestone.name, chinese: milestone.chinese["name"]) }
        return subject
    }
}
