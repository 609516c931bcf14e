import HetaoDomain
import HetaoText

/// A full-screen detail: every field of one entity, its dates and its sources with confidence.
/// Each kind is its own type (`BuildingDetail`, `AllocationDetail`, `InstitutionDetail`,
/// `MilestoneDetail`, `GroupDetail`), written with the one `DetailWriter`.
public struct DetailViewModel: Hashable, Sendable {
    public enum Line: Hashable, Sendable {
        case heading(String)
        case field(Fact)
        case text(String)
        /// Cells laid out in aligned columns (the first row of a run is its header).
        case columns([String])
        /// A labelled sparkline of values over time.
        case trend(String, [Double])
        /// Planned against reported progress over time.
        case sCurve(SCurve)
        case blank
    }

    public let title: String
    public let lines: [Line]

    public init(title: String, lines: [Line]) {
        self.title = title
        self.lines = lines
    }

    /// `history` is the records of the building or allocation shown, `filter` a word its rows
    /// must hold to be listed (`/`); `curve` the reported shares of a group's buildings, as read
    /// for its S-curve, or `readingCurve` while they are read; `group` its plan, where the caller
    /// keeps one. Nil for an overlay that is not a detail, or an id that is not in the programme.
    public init?(programme: Programme, overlay: Overlay, live: LiveContext? = nil, history: [StatusRecord] = [], filter: String = "",
                 curve: [SCurve.Point] = [], readingCurve: Bool = false, group plan: GroupProgress? = nil, completions: CompletionTable? = nil,
                 texts: Texts = .english) {
        let writer = DetailWriter(programme: programme, live: live ?? LiveContext(today: programme.asOf), history: history,
                                  historyFilter: filter, texts: texts)
        let detail: DetailViewModel?
        switch overlay {
        case .help, .changes, .sortChooser:
            detail = nil
        case .group(let group):
            detail = GroupDetail(group, plan: plan ?? GroupProgress(programme: programme, group: group), curve: curve,
                                 reading: readingCurve, completions: completions ?? programme.completions(), writer: writer)?.model
        case .building(let id):
            detail = BuildingDetail(id, writer: writer)?.model
        case .allocation(let id):
            detail = AllocationDetail(id, writer: writer)?.model
        case .institution(let id):
            detail = InstitutionDetail(id, writer: writer)?.model
        case .milestone(let id):
            detail = MilestoneDetail(id, writer: writer)?.model
        }
        guard let detail else { return nil }
        self = detail
    }
}
