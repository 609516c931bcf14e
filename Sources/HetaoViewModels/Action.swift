import HetaoDomain

/// Everything that changes what the dashboard shows: what a person asks for, named by intent
/// rather than by key, and what happens around them (the terminal resized, a record committed,
/// a history read).
public enum Action: Hashable, Sendable {
    case focus(Pane)
    case focusNextPane
    case focusPreviousPane
    case moveSelection(by: Int)
    /// The row at this index of the focused pane's list (a click), or of the open list of changes.
    case selectRow(Int)
    /// A page up (-1) or down (+1): as many rows as the screen shows.
    case movePage(by: Int)
    case selectFirst
    case selectLast
    case sortByNextColumn
    case sortByPreviousColumn
    case reverseSort
    case sort(by: BuildingColumn)
    /// The sort chooser: the columns on screen, the current one selected; Enter sorts by the
    /// one selected (again by the same column reverses it).
    case openSortChooser
    case pickSort
    case beginFilter
    case typeInFilter(Character)
    case deleteFilterCharacter
    case commitFilter
    case clearFilter
    /// The next (+1) or previous (-1) row matching the list's search, round the end; in
    /// Buildings, the next or previous row of the filtered table.
    case nextMatch(by: Int)
    case openDetail
    case closeOverlay
    /// Help opens, or closes when it is open.
    case showHelp
    /// Copy the id of what is selected or shown to the terminal's clipboard.
    case copyID
    /// A key that does nothing where it was pressed: said in the status bar, not ignored.
    case noAction(key: String)
    case expand
    case collapse
    case expandAll
    case collapseAll
    case switchLanguage
    /// Colour by the theme of this name (`:theme light`).
    case useTheme(String)
    /// The Schedule pane's time axis: finer or coarser, earlier or later.
    case zoom(by: Int)
    case pan(by: Int)
    /// Opens the record form on the selected building or allocation: `kind` nil is its main
    /// record (a building's progress, an allocation's spend).
    case openForm(RecordKind?)
    /// Opens the form on a correction of the figure shown: one of its records, chosen in the
    /// form, is superseded by what the form says.
    case openCorrection
    case formEdit(TextEdit)
    case formMoveFocus(by: Int)
    case formSubmit
    case formCancel
    /// The store's answer to the record the form offered.
    case recordAnswered(RecordOutcome)
    /// The list of what was recorded since the last visit.
    case showChanges
    /// The dashboard has drawn its first frame: what changed since the last visit can be read.
    case started
    /// What changed, up to the stamp it was read at.
    case changesLoaded([NetChange], until: String)
    /// Count the changes from the last meeting instead of the last visit, or back.
    case switchChangesSince
    /// Mark a meeting now: the changes are counted from it until the next one.
    case markMeeting
    case meetingMarked(String)
    /// Back to the previous day anything became known, forward to the next, or back to now.
    case travelBack
    case travelForward
    case travelToNow
    /// Straight to a day: its past, or now when it is not before today.
    case travelTo(Day)
    /// The changes from the start of a local day (`:since`); the loop finds the day's start.
    case showChangesSinceDay(Day)
    /// Select a building or an allocation by id (`:building`, `:record`).
    case selectBuilding(String)
    case selectAllocation(String)
    /// The Buildings filter set at once (`:filter`).
    case setFilter(String)
    /// The `:` command line: open it, edit it, complete (Tab), step through its history, run
    /// it (Enter) or close it (Esc).
    case openCommand
    case commandEdit(TextEdit)
    case commandComplete
    case commandHistory(by: Int)
    case commandSubmit
    case commandCancel
    /// Count the changes from a UTC stamp (the start of a day asked for) and show them.
    case showChangesSince(String)
    /// The day time travel leads to, or nil when there is none.
    case knownDayFound(Travel, Day?)
    /// The programme as the store knew it at the end of a day.
    case pastRead(Day, Programme)
    case quit
    case resized(Viewport)
    /// What the last frame measured of the scrolling views.
    case measured(ScrollLimits)
    /// The status store has new records: the programme with them laid over the dataset, and
    /// how many records met so far could not be read.
    case programmeChanged(Programme, unreadableRecords: Int = 0)
    /// The status store went out of reach, or came back (nil).
    case storeOutage(StoreOutage?)
    case historyLoaded(subject: String, records: [StatusRecord])
    /// The reports, or the store's daily sums, behind a phase's, a batch's or the programme's
    /// S-curve.
    case progressLoaded(subject: String, knownOn: Day?, progress: ReportedProgress)
}
