import HetaoDomain
import HetaoText

/// What the run loop must do after an action, beyond drawing the new state: the reducer
/// decides, the loop does the I/O and reports back with an action.
public enum Effect: Hashable, Sendable {
    /// Read the history of a building or allocation as known at the end of a day (nil: now);
    /// the loop answers with `.historyLoaded`.
    case loadHistory(subject: String, knownOn: Day?)
    /// Read what the S-curve of `subject` (a group's key) is drawn from; the loop answers with
    /// `.progressLoaded`.
    case loadProgress(subject: String, request: ProgressRequest)
    /// Offer a record to the store, checked against `today`; the loop answers with
    /// `.recordAnswered`.
    case offerRecord(StatusRecord, acceptingWarnings: Bool, today: Day)
    /// Find the day time travel leads to; the loop answers with `.knownDayFound`.
    case findKnownDay(Travel)
    /// Read the store as it stood at the end of a day; the loop answers with `.pastRead`.
    case readPast(Day)
    /// Read what was recorded since a stamp; the loop answers with `.changesLoaded`. It only
    /// marks the screen, so the loop carries it out once the frame is out.
    case loadChanges(since: String)
    /// The user has seen what changed up to this stamp (nil: now): their last visit moves there.
    case keepSeen(until: String?)
    /// Keep a meeting marked now; the loop answers with `.meetingMarked`.
    case keepMeeting
    /// Put this text on the terminal's clipboard.
    case copy(String)
    /// Colour the screen by the theme of this name from the next frame on.
    case useTheme(String)
    /// Keep the user's command history for their next visit.
    case keepCommands([String])
    /// Find when a local day starts (a UTC stamp); the loop answers with `.showChangesSince`.
    case startOfDay(Day)
    case quit

    /// Whether the loop carries it out only once the frame is out.
    public var isAfterFrame: Bool {
        if case .loadChanges = self { return true }
        return false
    }
}

/// Where in the store's history to go.
public enum Travel: Hashable, Sendable {
    /// The last day before this one on which anything became known.
    case before(Day)
    /// The first day after this one on which anything became known.
    case after(Day)
}

/// Applies actions to the app state: `(inout AppState, Action) -> [Effect]`. No terminal, no
/// clock, no I/O: those are effects. Its one field is a memo of view models derived from the
/// state, shared with the view.
public struct DashboardReducer {
    public let models: ViewModelMemo

    /// Rows a page key moves: what the screen shows, less the bars and borders around a list.
    static func pageSize(_ state: AppState) -> Int { max(1, state.viewport.height - 5) }

    public init(models: ViewModelMemo = ViewModelMemo()) { self.models = models }

    @discardableResult
    public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let changesFilter = state.overlayFilters[.changes]
        var effects = apply(&state, action)
        // Another filter is another list: its first line is selected.
        if state.overlayFilters[.changes] != changesFilter { state.selectedChange = 0 }
        // An overlay's filter goes with it.
        if !state.overlayFilters.isEmpty { state.overlayFilters = state.overlayFilters.filter { state.overlays.contains($0.key) } }
        // The open detail's history follows the overlay: read when it opens, and again when the
        // store changed.
        if state.historySubject != state.history.subject {
            state.history = HistoryState(subject: state.historySubject)
            effects += historyEffects(&state)
        }
        return effects
    }

    private func apply(_ state: inout AppState, _ action: Action) -> [Effect] {
        if let effects = answer(&state, action) { return effects }
        // What a person asks for: the notice of the last key goes.
        state.notice = nil
        switch action {
        case .showChanges, .switchChangesSince, .markMeeting, .showChangesSince: return changes(&state, action)
        case .showChangesSinceDay(let day): return [.startOfDay(day)]
        case .openCommand, .commandEdit, .commandComplete, .commandHistory, .commandSubmit, .commandCancel:
            return command(&state, action)
        case .travelBack, .travelForward, .travelToNow, .travelTo: return travel(&state, action)
        case .openForm, .openCorrection, .formEdit, .formMoveFocus, .formCancel, .formSubmit: return form(&state, action)
        case .sortByNextColumn, .sortByPreviousColumn, .reverseSort, .sort, .beginFilter, .typeInFilter, .deleteFilterCharacter,
             .commitFilter, .clearFilter, .setFilter, .nextMatch, .openSortChooser, .pickSort:
            return buildingsTable(&state, action)
        case .expand, .collapse, .expandAll, .collapseAll: return budgetTree(&state, action)
        default: return navigate(&state, action)
        }
    }

    /// The loop's answers to effects, and what happens around the person: nil for what a
    /// person asks for.
    private func answer(_ state: inout AppState, _ action: Action) -> [Effect]? {
        switch action {
        case .resized(let viewport):
            state.viewport = viewport
            return []
        case .programmeChanged(let programme, let unreadable):
            state.present = programme
            state.live.unreadableRecords = unreadable
            // The past stays as it was; the present is shown again on return.
            guard state.knownOn == nil else { return [] }
            state.shown = programme
            return historyEffects(&state)
                + (state.changesStart.map { [.loadChanges(since: $0)] } ?? [])
        case .storeOutage(let outage):
            state.live.outage = outage
            return []
        case .started:
            // A first visit has nothing to compare with: it is seen as of now.
            guard let start = state.changesStart else { return [.keepSeen(until: nil)] }
            return [.loadChanges(since: start)]
        case .changesLoaded(let changes, let until):
            state.changes = changes
            state.changesUntil = until
            state.selectedChange = min(state.selectedChange, max(0, state.changeLines.count - 1))
            // Nothing to see, or the list is open: seen. Otherwise the last visit stays put.
            return changes.isEmpty || state.overlay == .changes ? seen(state) : []
        case .meetingMarked(let stamp):
            state.meeting = stamp
            state.changesSince = .meeting
            return [.loadChanges(since: stamp)]
        case .knownDayFound(let travel, let day):
            switch (travel, day) {
            case (.before, nil):
                state.notice = Notice(.nothingRecordedBefore)
                return []
            case (_, let day?) where day < state.live.today:
                return [.readPast(day)]
            default:
                // Nothing later before today: forward leads to now.
                return returnToNow(&state)
            }
        case .pastRead(let day, let programme):
            state.shown = programme
            state.live.reckoning = state.live.reckoning.showing(day)
            // Another day's curve is not this one's: the detail says its reports are being read.
            state.history.curve = []
            return historyEffects(&state)
        case .historyLoaded(let subject, let records):
            if subject == state.history.subject { state.history.records = records }
            return []
        case .progressLoaded(let subject, let knownOn, let progress):
            // Reports read for another detail, or for a day no longer shown, are let go.
            if subject == state.history.subject, knownOn == state.knownOn, case .group(let group)? = state.overlay {
                state.history.isReadingCurve = false
                state.history.curve = models(state).groupProgress(group).reported(progress, asOf: state.shown.asOf)
                    .map { SCurve.Point(day: $0.day, share: $0.share) }
            }
            return []
        case .recordAnswered(let outcome):
            state.form?.take(outcome)
            if case .saved(let record) = outcome {
                state.form = nil
                state.notice = Notice(.recordSaved, "#\(record.id)")
            }
            return []
        case .measured(let limits):
            state.scrollLimits = limits
            state.overlayScroll = min(state.overlayScroll, limits.overlay)
            state.overviewScroll = min(state.overviewScroll, limits.overview)
            return []
        default:
            return nil
        }
    }

    /// The `:` command line. Enter runs the line as the actions it names, through this reducer;
    /// an error stays in the line until it is edited.
    private func command(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .openCommand:
            state.commandLine = CommandPrompt()
        case .commandEdit(let edit):
            state.commandLine?.text.apply(edit)
            state.commandLine?.error = nil
            state.commandLine?.choices = []
        case .commandComplete:
            guard let line = state.commandLine?.text.text else { break }
            let (completedLine, choices) = Command.completed(line, state: state)
            var completed = EditableText(completedLine)
            completed.apply(.end)
            state.commandLine?.text = completed
            state.commandLine?.choices = choices
            state.commandLine?.error = nil
        case .commandHistory(let step):
            guard var line = state.commandLine, !state.commandHistory.isEmpty else { break }
            if line.historyIndex == nil { line.draft = line.text.text }
            let index = (line.historyIndex ?? state.commandHistory.count) + step
            line.historyIndex = index >= state.commandHistory.count ? nil : max(0, index)
            line.text = EditableText(line.historyIndex.map { state.commandHistory[$0] } ?? line.draft)
            line.text.apply(.end)
            line.error = nil
            line.choices = []
            state.commandLine = line
        case .commandCancel:
            state.commandLine = nil
        case .commandSubmit:
            guard let typed = state.commandLine?.text.text.trimmedWhitespace, !typed.isEmpty else {
                state.commandLine = nil
                break
            }
            switch Command.actions(for: typed, state: state) {
            case .refused(let error):
                state.commandLine?.error = error
            case .run(let actions):
                state.commandLine = nil
                if state.commandHistory.last != typed { state.commandHistory.append(typed) }
                state.commandHistory = Array(state.commandHistory.suffix(CommandPrompt.historyKept))
                return [.keepCommands(state.commandHistory)] + actions.flatMap { reduce(&state, $0) }
            }
        default:
            break
        }
        return []
    }

    /// The list of what changed, and what it counts from.
    private func changes(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .showChanges:
            if state.overlay != .changes {
                state.overlays.append(.changes)
                state.overlayScroll = 0
                state.selectedChange = 0
            }
            return seen(state)
        case .switchChangesSince:
            // From the last visit to the meeting; from the meeting or a day asked for, back.
            if state.changesSince == .lastVisit {
                guard state.meeting != nil else {
                    state.notice = Notice(.noMeetingMarked)
                    break
                }
                state.changesSince = .meeting
            } else {
                state.changesSince = .lastVisit
            }
            state.selectedChange = 0
            if let start = state.changesStart { return [.loadChanges(since: start)] }
        case .showChangesSince(let stamp):
            state.changesSince = .stamp(stamp)
            state.selectedChange = 0
            if state.overlay != .changes {
                state.overlays.append(.changes)
                state.overlayScroll = 0
            }
            return [.loadChanges(since: stamp)]
        case .markMeeting:
            return [.keepMeeting]
        default:
            break
        }
        return []
    }

    /// Time travel: back and forward through the days anything became known, or back to now.
    private func travel(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .travelBack:
            return [.findKnownDay(.before(state.live.day))]
        case .travelForward:
            if let day = state.knownOn { return [.findKnownDay(.after(day))] }
        case .travelToNow:
            if state.knownOn != nil { return returnToNow(&state) }
        case .travelTo(let day):
            if day < state.live.today { return [.readPast(day)] }
            if state.knownOn != nil { return returnToNow(&state) }
        default:
            break
        }
        return []
    }

    /// The record form: opening it on the selection, editing, and offering its record.
    private func form(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .openForm(let kind):
            guard state.form == nil, let (subjectKind, subject) = recordSubject(state) else { break }
            let wanted = kind ?? subjectKind
            guard wanted == subjectKind || subjectKind == .progress && wanted != .spend else { break }
            if let reason = state.knownOn != nil ? .formInThePast : state.recordingUnavailable {
                state.notice = Notice(reason)
                break
            }
            state.form = RecordForm(kind: wanted, subject: subject, programme: state.shown, today: state.live.today)
        case .openCorrection:
            guard state.form == nil, let (kind, subject) = recordSubject(state) else { break }
            if let reason = state.knownOn != nil ? .formInThePast : state.recordingUnavailable {
                state.notice = Notice(reason)
                break
            }
            // The records of the figure that still stand, newest first: those a correction may correct.
            let records = state.history.subject == subject ? state.history.records : []
            let standing = records.filter { $0.kind == kind }.standing
                .sorted { ($0.recordedAt, $0.id) > ($1.recordedAt, $1.id) }
            guard let form = RecordForm(correcting: standing, programme: state.shown, today: state.live.today) else {
                state.notice = Notice(records.isEmpty && state.history.subject != subject ? .correctionNeedsDetail : .nothingToCorrect)
                break
            }
            state.form = form
        case .formEdit(let edit):
            state.form?.edit(edit)
        case .formMoveFocus(let delta):
            state.form?.moveFocus(by: delta)
        case .formCancel:
            state.form = nil
        case .formSubmit:
            guard var form = state.form else { break }
            form.issues = []
            // Every error at once: what cannot be read, and what the rules say of the rest.
            let record = form.check(with: RecordValidator(programme: state.shown, today: state.live.today, latest: []))
            form.failure = nil
            let confirmed = form.awaitingConfirmation && record != nil
            form.awaitingConfirmation = false
            state.form = form
            if let record { return [.offerRecord(record, acceptingWarnings: confirmed, today: state.live.today)] }
        default:
            break
        }
        return []
    }

    /// The Buildings table's sort and filter.
    private func buildingsTable(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .sortByNextColumn, .sortByPreviousColumn:
            // Among the columns on screen, so the sort never lands on one the user cannot see.
            let shown = state.sortableColumns
            let here = shown.firstIndex(of: state.buildingSort) ?? (action == .sortByNextColumn ? shown.count - 1 : 0)
            let step = action == .sortByNextColumn ? 1 : shown.count - 1
            state.buildingSort = shown[(here + step) % shown.count]
        case .openSortChooser:
            let shown = state.sortableColumns
            state.overlays = [.sortChooser]
            state.selectedSortChoice = shown.firstIndex(of: state.buildingSort) ?? 0
        case .pickSort:
            let shown = state.sortableColumns
            guard state.overlay == .sortChooser, shown.indices.contains(state.selectedSortChoice) else { break }
            state.overlays.removeLast()
            sort(&state, by: shown[state.selectedSortChoice])
        case .reverseSort:
            state.buildingSortAscending.toggle()
        case .sort(let column):
            sort(&state, by: column)
        case .beginFilter where state.overlayHasFilter:
            state.isEditingFilter = true
            state.overlayFilter = ""
        case .beginFilter:
            guard state.overlays.isEmpty, state.focus != .overview else {
                state.notice = Notice(.noActionHere, "/")
                break
            }
            state.isEditingFilter = true
            guard state.focus != .buildings else { break }
            state.searches[state.focus] = ""
        case .typeInFilter(let character):
            guard state.isEditingFilter, !character.isNewline, character.unicodeScalars.allSatisfy({ $0.value >= 0x20 })
            else { break }
            if state.overlayHasFilter {
                state.overlayFilter.append(character)
                break
            }
            guard state.focus != .buildings else {
                state.buildingFilter.append(character)
                state.selectedBuildingID = nil
                break
            }
            state.searches[state.focus, default: ""].append(character)
            jumpToMatch(&state, step: 1, skippingSelected: false)
        case .deleteFilterCharacter where state.overlayHasFilter:
            if !state.overlayFilter.isEmpty { state.overlayFilter.removeLast() }
        case .deleteFilterCharacter:
            guard state.focus != .buildings else {
                if !state.buildingFilter.isEmpty { state.buildingFilter.removeLast() }
                state.selectedBuildingID = nil
                break
            }
            if state.searches[state.focus]?.isEmpty == false { state.searches[state.focus]?.removeLast() }
        case .commitFilter:
            state.isEditingFilter = false
        case .nextMatch(let step):
            if state.focus == .buildings || state.overlay != nil {
                move(&state, by: step)
            } else if state.searches[state.focus]?.isEmpty == false {
                jumpToMatch(&state, step: step, skippingSelected: true)
            } else {
                state.notice = Notice(.noSearch)
            }
        case .clearFilter where state.overlayHasFilter:
            state.isEditingFilter = false
            state.overlayFilter = ""
        case .clearFilter:
            state.isEditingFilter = false
            guard state.focus == .buildings else {
                state.searches[state.focus] = nil
                break
            }
            state.buildingFilter = ""
            state.selectedBuildingID = nil
        case .setFilter(let text):
            state.isEditingFilter = false
            state.buildingFilter = text
            state.selectedBuildingID = nil
        default:
            break
        }
        return []
    }

    /// The Budget tree's branches.
    private func budgetTree(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .expand, .collapse:
            guard state.focus == .budget, state.overlays.isEmpty else { break }
            let model = models(state).budget(state)
            guard !model.rows.isEmpty else { break }
            let row = model.rows[model.index(of: state.selectedAllocationID)]
            if action == .expand {
                if row.hasChildren { state.expandedAllocations.insert(row.id) }
            } else if row.isExpanded {
                state.expandedAllocations.remove(row.id)
            } else if let parent = state.shown.parent(ofAllocation: row.id) {
                // Collapsing a leaf or a closed branch moves to its parent, as file trees do.
                state.selectedAllocationID = parent.id
            }
        case .expandAll:
            // The selection stays on the same allocation while rows appear around it.
            state.expandedAllocations = allBranches(state.shown)
        case .collapseAll:
            // The selection moves to the top-level allocation it was under.
            state.selectedAllocationID = state.selectedAllocationID.map { rootID(of: $0, in: state.shown) }
            state.expandedAllocations = []
        default:
            break
        }
        return []
    }

    /// Panes, selection, overlays, the Schedule's axis, the language, quitting.
    private func navigate(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .zoom(let steps):
            let zoom = ScheduleZoom(rawValue: max(0, min(ScheduleZoom.allCases.count - 1, state.scheduleZoom.rawValue + steps)))!
            if zoom != state.scheduleZoom {
                state.scheduleZoom = zoom
                state.schedulePan = 0
            }
        case .pan(let columns):
            state.schedulePan += columns
        case .movePage(let pages):
            move(&state, by: pages * Self.pageSize(state))
        case .switchLanguage:
            let wanted = state.language.other
            guard !wanted.needsUnicode || state.canShowChinese else {
                state.notice = Notice(.languageNeedsUnicode)
                return []
            }
            state.language = wanted
        case .useTheme(let name):
            guard state.theme != name else { break }
            state.theme = name
            return [.useTheme(name)]
        case .quit:
            state.isQuitting = true
            return [.quit]
        case .focus(let pane):
            state.overlays = []
            state.focus = pane
        case .focusNextPane:
            state.overlays = []
            state.focus = state.focus.next
            // With every pane on screen, Tab moves among them; the Schedule has its own key.
            if state.viewport.isWide && state.focus == .schedule { state.focus = state.focus.next }
        case .focusPreviousPane:
            state.overlays = []
            state.focus = state.focus.previous
            if state.viewport.isWide && state.focus == .schedule { state.focus = state.focus.previous }
        case .moveSelection(let delta):
            move(&state, by: delta)
        case .selectRow(let index):
            select(&state, row: index)
        case .selectBuilding(let id):
            state.selectedBuildingID = id
        case .selectAllocation(let id):
            reveal(&state, allocation: id)
        case .selectFirst:
            move(&state, by: Int.min / 2)
        case .selectLast:
            move(&state, by: Int.max / 2)
        case .openDetail:
            if let overlay = detailTarget(state) {
                state.overlays.append(overlay)
                state.overlayScroll = 0
            }
        case .closeOverlay where !state.overlayFilter.isEmpty:
            // Esc takes away the filter first, as it does in the Buildings pane.
            state.overlayFilter = ""
        case .closeOverlay:
            if !state.overlays.isEmpty {
                state.overlays.removeLast()
                state.overlayScroll = 0
            }
        case .showHelp:
            if state.overlay == .help { state.overlays.removeLast() } else { state.overlays.append(.help) }
            state.overlayScroll = 0
        case .noAction(let key):
            state.notice = Notice(.noActionHere, key)
        case .copyID:
            guard let id = copyTarget(state) else {
                state.notice = Notice(.noActionHere, "y")
                break
            }
            guard state.clipboard else {
                state.notice = Notice(.clipboardOff)
                break
            }
            state.notice = Notice(.copied, id)
            return [.copy(id)]
        default:
            break
        }
        return []
    }

    /// What the open detail needs read, as the day shown knew it: a building's or an
    /// allocation's history, or a group's progress reports (which can take a while: the detail
    /// says they are being read until they come).
    private func historyEffects(_ state: inout AppState) -> [Effect] {
        guard let subject = state.history.subject else { return [] }
        guard case .group(let group)? = state.overlay else { return [.loadHistory(subject: subject, knownOn: state.knownOn)] }
        // Only the buildings the curves count are read; with no plan there is nothing to draw.
        let models = models(state)
        let progress = models.groupProgress(group)
        guard !progress.buildings.isEmpty else { return [] }
        state.history.isReadingCurve = true
        return [.loadProgress(subject: subject, request: state.shown.progressRequest(progress, of: group, weights: models.curveWeights,
                                                                                      knownOn: state.knownOn))]
    }

    /// Back to the present: the programme as the store has it now, reckoned on today.
    private func returnToNow(_ state: inout AppState) -> [Effect] {
        state.shown = state.present
        state.live.reckoning = state.live.reckoning.showing(state.live.today)
        state.history.curve = []
        return historyEffects(&state)
    }

    /// What a record from here is about: the building or allocation whose detail is open, else
    /// the one selected in the focused pane; with the kind of its main record.
    private func recordSubject(_ state: AppState) -> (RecordKind, String)? {
        switch state.overlay {
        case .building(let id)?: return (.progress, id)
        case .allocation(let id)?: return (.spend, id)
        case .some: return nil
        case nil: break
        }
        switch detailTarget(state) {
        case .building(let id)?: return (.progress, id)
        case .allocation(let id)?: return (.spend, id)
        default: return nil
        }
    }

    /// What Enter opens from the focused pane's selection.
    /// Seeing the list of changes since the last visit moves the last visit to when they were
    /// read; counted from a meeting, it leaves it where it is.
    private func seen(_ state: AppState) -> [Effect] {
        guard state.changesSince == .lastVisit, let until = state.changesUntil else { return [] }
        return [.keepSeen(until: until)]
    }

    /// What `y` copies: the id of the open detail, else of what is selected (a change's subject,
    /// the focused pane's row).
    private func copyTarget(_ state: AppState) -> String? {
        let target = state.overlay.flatMap { $0 == .changes ? nil : $0 } ?? detailTarget(state)
        switch target {
        case .building(let id)?, .allocation(let id)?, .institution(let id)?, .milestone(let id)?: return id
        case .group(.phase(let id))?, .group(.batch(let id))?: return id
        case .group(.programme)?, .help?, .changes?, .sortChooser?, nil: return nil
        }
    }

    private func detailTarget(_ state: AppState) -> Overlay? {
        // A line of the changes opens what it is about: a building, an allocation or a milestone.
        let changes = state.overlays == [.changes] ? state.changeLines : []
        if state.overlays == [.changes], changes.indices.contains(state.selectedChange) {
            let subject = changes[state.selectedChange].change.subject
            if state.shown.building(subject) != nil { return .building(id: subject) }
            if state.shown.allocation(subject) != nil { return .allocation(id: subject) }
            if state.shown.milestone(subject) != nil { return .milestone(id: subject) }
            return nil
        }
        guard state.overlays.isEmpty else { return nil }
        switch state.focus {
        case .buildings:
            let model = models(state).buildings(state)
            // A building selected but filtered out is not the first row's stand-in.
            if let id = state.selectedBuildingID, !model.rows.contains(where: { $0.id == id }) { return nil }
            let index = model.index(of: state.selectedBuildingID)
            return model.rows.indices.contains(index) ? .building(id: model.rows[index].id) : nil
        case .budget:
            let model = models(state).budget(state)
            return model.rows.isEmpty ? nil : .allocation(id: model.rows[model.index(of: state.selectedAllocationID)].id)
        case .institutions:
            let model = models(state).institutions(state.language)
            return model.rows.isEmpty ? nil : .institution(id: model.rows[model.index(of: state.selectedInstitutionID)].id)
        case .schedule:
            let model = models(state).schedule(state.language)
            guard model.rows.indices.contains(model.index(of: state.selectedScheduleRowID)) else { return nil }
            let row = model.rows[model.index(of: state.selectedScheduleRowID)]
            switch row.level {
            case .building: return .building(id: row.id)
            case .batch: return .group(.batch(row.id))
            case .phase: return .group(.phase(row.id))
            case .programme: return .group(.programme)
            }
        case .phases:
            let timeline = state.shown.timeline
            return timeline.indices.contains(state.selectedMilestone) ? .milestone(id: timeline[state.selectedMilestone].id) : nil
        case .overview:
            return nil
        }
    }

    private func rootID(of id: String, in programme: Programme) -> String {
        var current = id
        while let parent = programme.parent(ofAllocation: current) { current = parent.id }
        return current
    }

    /// Sorts by `column`; by the same column again, the other way.
    private func sort(_ state: inout AppState, by column: BuildingColumn) {
        if state.buildingSort == column { state.buildingSortAscending.toggle() } else {
            state.buildingSort = column
            state.buildingSortAscending = true
        }
    }

    private func allBranches(_ programme: Programme) -> Set<String> {
        Set(programme.allAllocations.filter { !$0.allocation.children.isEmpty }.map(\.allocation.id))
    }

    /// The words of each row of the focused list, lowercased, that a search looks in. Budget's
    /// are every allocation's, folded or not: finding one opens its branch.
    private func searchable(_ state: AppState) -> [String] {
        let models = models(state)
        switch state.focus {
        case .overview, .buildings: return []
        case .phases: return models.phases(state.language).timeline.map { "\($0.date) \($0.name) \($0.id)".lowercased() }
        case .budget:
            let t = Texts(state.language)
            return state.shown.allAllocations.map {
                "\(t.name($0.allocation.name, chinese: $0.allocation.chinese["name"])) \($0.allocation.id)".lowercased()
            }
        case .institutions:
            return models.institutions(state.language).rows.map { "\($0.name) \($0.field) \($0.status) \($0.id)".lowercased() }
        case .schedule: return models.schedule(state.language).rows.map { "\($0.label) \($0.id)".lowercased() }
        }
    }

    /// The focused list's selected row.
    private func selectedIndex(_ state: AppState) -> Int {
        let models = models(state)
        switch state.focus {
        case .overview: return 0
        case .phases: return state.selectedMilestone
        case .buildings: return models.buildings(state).index(of: state.selectedBuildingID)
        case .budget: return models.budget(state).index(of: state.selectedAllocationID)
        case .institutions: return models.institutions(state.language).index(of: state.selectedInstitutionID)
        case .schedule: return models.schedule(state.language).index(of: state.selectedScheduleRowID)
        }
    }

    /// Selects the first row from the selected one (or the one after it), stepping by `step`
    /// round the end, that the search matches; says so when none does.
    private func jumpToMatch(_ state: inout AppState, step: Int, skippingSelected: Bool) {
        let query = (state.searches[state.focus] ?? "").lowercased()
        let rows = searchable(state)
        guard !query.isEmpty, !rows.isEmpty else { return }
        let allocations = state.focus == .budget ? state.shown.allAllocations.map(\.allocation.id) : nil
        let selected = allocations.map { $0.firstIndex(of: state.selectedAllocationID ?? "") ?? 0 } ?? selectedIndex(state)
        let start = selected + (skippingSelected ? step : 0)
        for offset in 0..<rows.count {
            let index = ((start + offset * step) % rows.count + rows.count) % rows.count
            guard rows[index].contains(query) else { continue }
            if let allocations { return reveal(&state, allocation: allocations[index]) }
            return select(&state, row: index)
        }
        state.notice = Notice(.noSearchMatch, state.searches[state.focus] ?? "")
    }

    /// Selects the row at `index` of the focused pane's list (or the list of changes), clamped.
    private func select(_ state: inout AppState, row index: Int) {
        func clamp(_ count: Int) -> Int { max(0, min(count - 1, index)) }
        if state.overlay == .changes { return state.selectedChange = clamp(state.changeLines.count) }
        if state.overlay == .sortChooser { return state.selectedSortChoice = clamp(state.sortableColumns.count) }
        guard state.overlays.isEmpty else { return }
        let models = models(state)
        switch state.focus {
        case .overview: break
        case .phases: state.selectedMilestone = clamp(state.shown.timeline.count)
        case .buildings:
            let rows = models.buildings(state).rows
            if !rows.isEmpty { state.selectedBuildingID = rows[clamp(rows.count)].id }
        case .budget:
            let rows = models.budget(state).rows
            if !rows.isEmpty { state.selectedAllocationID = rows[clamp(rows.count)].id }
        case .institutions:
            let rows = models.institutions(state.language).rows
            if !rows.isEmpty { state.selectedInstitutionID = rows[clamp(rows.count)].id }
        case .schedule:
            let rows = models.schedule(state.language).rows
            if !rows.isEmpty { state.selectedScheduleRowID = rows[clamp(rows.count)].id }
        }
    }

    /// Selects an allocation, opening the branches above it so that its row is there.
    private func reveal(_ state: inout AppState, allocation id: String) {
        var parent = state.shown.parent(ofAllocation: id)
        while let open = parent {
            state.expandedAllocations.insert(open.id)
            parent = state.shown.parent(ofAllocation: open.id)
        }
        state.selectedAllocationID = id
    }

    /// Moves the selection of whatever has it (the top overlay's scroll, or the focused pane),
    /// clamped to what exists.
    private func move(_ state: inout AppState, by delta: Int) {
        func step(_ value: Int) -> Int {
            // Avoid overflow for the first/last sentinels.
            delta > 0 ? (value > Int.max - delta ? Int.max : value + delta) : (value < Int.min - delta ? Int.min : value + delta)
        }
        switch state.overlay {
        case .changes?: select(&state, row: step(state.selectedChange))
        case .sortChooser?: select(&state, row: step(state.selectedSortChoice))
        case .some: state.overlayScroll = max(0, min(state.scrollLimits.overlay, step(state.overlayScroll)))
        case nil where state.focus == .overview:
            state.overviewScroll = max(0, min(state.scrollLimits.overview, step(state.overviewScroll)))
        case nil: select(&state, row: step(selectedIndex(state)))
        }
    }
}
