import HetaoDomain
import HetaoText

/// The columns of the buildings table, each sortable.
public enum BuildingColumn: Int, CaseIterable, Sendable {
    /// `name` is the building's name in the language shown, `otherName` in the other one.
    case label, name, otherName, use, storeys, status, progress, baseline, expected, slip, behind, leased, reported
    /// The id `hetao record` and `hetao history` take.
    case id
}

/// The terminal's size, as the state knows it from `.resized`.
public struct Viewport: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Large enough for every dashboard pane at once (the Schedule then has the screen to itself).
    public var isWide: Bool { width >= 120 && height >= 32 }
}

/// The recorded history of the building or allocation the open detail shows.
public struct HistoryState: Hashable, Sendable {
    public var subject: String?
    public var records: [StatusRecord] = []
    /// For a phase, a batch or the programme: the reported share done after each day its
    /// buildings reported, worked out from their reports when they were read.
    public var curve: [SCurve.Point] = []
    /// The reports for `curve` are being read (off the input path: at 10,000 buildings it takes
    /// a while); a detail without a curve yet says so.
    public var isReadingCurve = false

    public init(subject: String? = nil, records: [StatusRecord] = []) {
        self.subject = subject
        self.records = records
    }
}

/// What the last frame measured: the largest scroll offsets that still fill the screen (the
/// detail or help, and the overview), and the Buildings columns that fit, which are the ones a
/// sort key moves among.
public struct ScrollLimits: Hashable, Sendable {
    public var overlay: Int
    public var overview: Int
    public var buildingColumns: [BuildingColumn]

    public init(overlay: Int, overview: Int, buildingColumns: [BuildingColumn] = BuildingColumn.allCases) {
        self.overlay = overlay
        self.overview = overview
        self.buildingColumns = buildingColumns
    }

    /// Before the first frame: nothing known, nothing limited.
    public static let unmeasured = ScrollLimits(overlay: .max, overview: .max)
}

/// A one-line message for the status bar: a phrase and what fills it in.
public struct Notice: Hashable, Sendable {
    public var phrase: Phrase
    public var arguments: [String]

    public init(_ phrase: Phrase, _ arguments: String...) {
        self.phrase = phrase
        self.arguments = arguments
    }
}

/// What the list of changes counts from: the user's last look at it, their last meeting, or a
/// day asked for (`--since`).
public enum ChangesSince: Hashable, Sendable {
    case lastVisit, meeting
    /// From this UTC stamp; looking does not move the last visit.
    case stamp(String)
}

/// What is open over the panes.
public enum Overlay: Hashable, Sendable {
    case help
    case building(id: String)
    case allocation(id: String)
    case institution(id: String)
    case milestone(id: String)
    /// What was recorded since the last visit.
    case changes
    /// The Buildings columns on screen, to sort by one (`s`).
    case sortChooser
    /// A phase, a batch or the whole programme: its schedule and combined S-curve.
    case group(ProgressGroup)
}

/// The whole state of the dashboard: everything the screen shows follows from it, so a test
/// can state exactly what an action changes.
public struct AppState: Hashable, Sendable {
    /// The programme as the store has it now, and the one shown: the same, or as known on the
    /// past day travelled to (`t`, `T`).
    public var present: Programme
    public var shown: Programme
    /// Today, the day shown, the thresholds, and what the store says of itself.
    public var live: LiveContext

    public var focus: Pane = .overview
    /// Overlays stack: Esc closes the top one.
    public var overlays: [Overlay] = []
    /// First visible line of the top overlay.
    public var overlayScroll = 0

    public var buildingSort: BuildingColumn = .label
    public var buildingSortAscending = true
    public var buildingFilter = ""
    /// Typing after `/`: the Buildings filter, or the search of the focused list.
    public var isEditingFilter = false
    /// The search of each list other than Buildings (which narrows instead): `n` / `N` step
    /// through its matches; shown in the pane's title.
    public var searches: [Pane: String] = [:]

    /// The Buildings columns the last frame showed: what sorting moves among and offers.
    public var sortableColumns: [BuildingColumn] {
        scrollLimits.buildingColumns.isEmpty ? BuildingColumn.allCases : scrollLimits.buildingColumns
    }

    /// The filters of the open overlays' lists (the changes, a detail's history), each kept
    /// while its overlay is open, under another or on top.
    public var overlayFilters: [Overlay: String] = [:]
    /// The top overlay's filter.
    public var overlayFilter: String {
        get { overlay.flatMap { overlayFilters[$0] } ?? "" }
        set { if let overlay { overlayFilters[overlay] = newValue.isEmpty ? nil : newValue } }
    }
    /// Whether the top overlay has a list `/` narrows.
    public var overlayHasFilter: Bool {
        switch overlay {
        case .changes?, .building?, .allocation?: return true
        default: return false
        }
    }

    /// What `/` is typing into: the top overlay's filter, the Buildings filter, or the focused
    /// list's search.
    public var filterText: String {
        if overlayHasFilter { return overlayFilter }
        return focus == .buildings ? buildingFilter : searches[focus] ?? ""
    }
    /// The selected building, by id, so that a re-sort (a new record, another sort column,
    /// the other language) keeps the cursor on it; nil is the first row.
    public var selectedBuildingID: String?

    public var expandedAllocations: Set<String> = []
    /// The selected allocation and institution, by id for the same reason; nil is the first row.
    public var selectedAllocationID: String?

    public var selectedInstitutionID: String?

    /// The Schedule pane: its zoom, how far it is panned (columns) and the row selected, by id.
    public var scheduleZoom = ScheduleZoom.years
    public var schedulePan = 0
    public var selectedScheduleRowID: String?
    public var selectedMilestone = 0
    public var overviewScroll = 0

    public var isQuitting = false

    public var viewport = Viewport(width: 80, height: 24)
    public var scrollLimits = ScrollLimits.unmeasured
    public var history = HistoryState()

    /// The language everything is shown in; Chinese only where the terminal can show it.
    public var language: Language = .english
    public var canShowChinese = true
    /// A one-line message in the status bar until the next key.
    public var notice: Notice?

    /// The record form, while it is open over everything else.
    public var form: RecordForm?
    /// The `:` command line while it is open, and the commands run in this session, oldest first.
    public var commandLine: CommandPrompt?
    public var commandHistory: [String] = []
    /// The theme the screen is coloured by, and the themes `:theme` offers: none where colour
    /// is off.
    public var theme: String?
    public var themes: [String] = []
    /// Whether `y` may use the terminal's clipboard (the config file's `clipboard`).
    public var clipboard = true
    /// Why recording is not possible here (a read-only store, no store at all); nil when it is.
    public var recordingUnavailable: Phrase?

    /// The past day every pane shows the store as known on (`t`, `T`); nil is now.
    public var knownOn: Day? { live.reckoning.knownOn }

    /// Up to when this user has seen what changed (a UTC stamp), and when they last marked a
    /// meeting: the two points the changes are counted from.
    public var lastVisit: String?
    public var meeting: String?
    /// Which of the two the changes are counted from; it stays until the user switches.
    public var changesSince = ChangesSince.lastVisit
    /// What changed since then, net, a figure a line, up to `changesUntil` (when they were read).
    public var changes: [NetChange] = []
    public var changesUntil: String?
    /// The line selected in the list of changes, and in the sort chooser.
    public var selectedChange = 0
    public var selectedSortChoice = 0
    /// The changes the list shows, as it words them: those the overlay's filter matches.
    public var changeLines: [ChangeLine] {
        let texts = Texts(language)
        let filter = overlayFilters[.changes] ?? ""
        return changes.map { ChangeLine($0, programme: shown, texts: texts) }.filter { $0.matches(filter) }
    }
    /// The buildings and allocations with a figure recorded since the last visit.
    public var changedSubjects: Set<String> { Set(changes.map(\.subject)) }

    /// The stamp the changes shown are counted from.
    public var changesStart: String? {
        switch changesSince {
        case .lastVisit: return lastVisit
        case .meeting: return meeting
        case .stamp(let stamp): return stamp
        }
    }

    /// The state a dashboard opens in, showing `programme` now (`live` defaults to the
    /// dataset's own day, for tests and previews): the timeline selection on the next
    /// milestone, so that what is coming is in view.
    public init(programme: Programme, live: LiveContext? = nil, language: Language = .english, canShowChinese: Bool = true) {
        present = programme
        shown = programme
        self.live = live ?? LiveContext(today: programme.asOf)
        self.canShowChinese = canShowChinese
        if language.needsUnicode && !canShowChinese {
            notice = Notice(.languageNeedsUnicode)
        } else {
            self.language = language
        }
        if let next = programme.nextMilestone(on: self.live.day) {
            selectedMilestone = programme.timeline.firstIndex { $0.id == next.id } ?? 0
        }
    }

    public var overlay: Overlay? { overlays.last }

    /// The building or allocation whose history the top overlay shows.
    public var historySubject: String? {
        switch overlay {
        case .building(let id)?, .allocation(let id)?, .milestone(let id)?: return id
        case .group(let group)?: return group.key
        default: return nil
        }
    }
}
