import HetaoBundled
import HetaoData
import HetaoDomain
import HetaoText
import Testing
@testable import HetaoViewModels

/// Sends actions and states exactly how the whole state must change and every effect the
/// reducer asks for: an effect nobody asserted fails the test, as a change nobody stated does.
struct Store {
    let reducer = DashboardReducer()
    var state: AppState

    init() { state = AppState(programme: try! BundledDataset.load()) }

    /// The programme shown, and today.
    var programme: Programme { state.shown }
    var today: Day { state.live.today }

    mutating func send(_ action: Action, effects expected: [Effect] = [], _ change: (inout AppState) -> Void = { _ in },
                       sourceLocation: SourceLocation = #_sourceLocation) {
        var changed = state
        change(&changed)
        let effects = reducer.reduce(&state, action)
        #expect(effects == expected, sourceLocation: sourceLocation)
        if state != changed {
            Issue.record("the state changed other than stated, in: \(Self.differences(state, changed).joined(separator: ", "))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The names of the state's fields that differ, so a failure names what changed rather
    /// than printing two whole programmes.
    static func differences(_ a: AppState, _ b: AppState) -> [String] {
        zip(Mirror(reflecting: a).children, Mirror(reflecting: b).children).compactMap { x, y in
            String(reflecting: x.value) == String(reflecting: y.value) ? nil : (x.label ?? "?")
        }
    }

    var models: ViewModelCache { reducer.models(state) }
    var buildingsModel: BuildingsViewModel { models.buildings(state) }
    var buildings: [BuildingRow] { Array(buildingsModel.rows) }
    var allocations: [AllocationRow] { models.budget(state).rows }
}

@Suite struct DashboardReducerTests {
    @Test func panesAreReachedByNumberAndCycledByTab() {
        var store = Store()
        store.send(.focus(.budget)) { $0.focus = .budget }
        store.send(.focusNextPane) { $0.focus = .institutions }
        store.send(.focusNextPane) { $0.focus = .schedule }
        store.send(.focusNextPane) { $0.focus = .overview }
        store.send(.focusPreviousPane) { $0.focus = .schedule }
        // With every pane on screen Tab stays among them: the Schedule, a view of its own, has `6`.
        store.send(.resized(Viewport(width: 120, height: 40))) { $0.viewport = Viewport(width: 120, height: 40) }
        store.send(.focus(.institutions)) { $0.focus = .institutions }
        store.send(.focusNextPane) { $0.focus = .overview }
        store.send(.focusPreviousPane) { $0.focus = .institutions }
    }

    @Test func theLanguageSwitchesLiveKeepingPaneSelectionAndScroll() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.sort(by: .name)) { $0.buildingSort = .name }
        store.send(.moveSelection(by: 6)) { $0.selectedBuildingID = "B8" }
        #expect(store.buildings[6].name == "Building 8 (wet laboratories)")
        // Sorted by name, the building moves to another row in Chinese; the cursor follows it.
        store.send(.switchLanguage) { $0.language = .traditionalChinese }
        #expect(store.buildingsModel.index(of: "B8") == 1 && store.buildings[1].name == "8座 濕實驗室大樓")
        #expect(store.buildings[1].status == "已落成" && store.buildings[1].slip == "+244 日")
        store.send(.switchLanguage) { $0.language = .english }
    }

    @Test func aTerminalThatCannotShowChineseKeepsEnglishAndSaysWhy() {
        var store = Store()
        store.state.canShowChinese = false
        store.send(.switchLanguage) { $0.notice = Notice(.languageNeedsUnicode) }
        store.send(.focus(.budget)) {
            $0.focus = .budget
            $0.notice = nil
        }
    }

    @Test func selectionMovesWithinTheFocusedListAndStopsAtItsEnds() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.moveSelection(by: 1)) { $0.selectedBuildingID = "B9" }
        store.send(.moveSelection(by: -5)) { $0.selectedBuildingID = "B8" }
        store.send(.selectLast) { $0.selectedBuildingID = "B1-E" }
        store.send(.moveSelection(by: 10)) { _ in }
        store.send(.selectFirst) { $0.selectedBuildingID = "B8" }
    }

    @Test func sortingBySlipDescendingPutsTheFurthestBehindFirst() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.moveSelection(by: 3)) { $0.selectedBuildingID = "B1-A" }
        // A re-sort keeps the cursor on the same building, wherever its row goes.
        store.send(.sort(by: .slip)) { $0.buildingSort = .slip }
        store.send(.sort(by: .slip)) { $0.buildingSortAscending = false }
        #expect(store.buildingsModel.index(of: "B1-A") == 3)
        // The first three, completed nine months after the end-2024 target, are the furthest
        // behind; no source shows the remaining five late.
        #expect(store.buildings.prefix(3).map(\.label) == ["8", "9", "11"])
        #expect(store.buildings.first?.slip == "+244 d")
        #expect(store.buildings.dropFirst(3).allSatisfy { $0.slip == "0 d*" })
        store.send(.reverseSort) { $0.buildingSortAscending = true }
        #expect(store.buildings.last?.label == "11")
        // Behind plan is a column of its own: Site D, on its dates, is the furthest behind its plan.
        store.send(.sortByNextColumn) { $0.buildingSort = .behind }
        store.send(.reverseSort) { $0.buildingSortAscending = false }
        #expect(store.buildings.first?.label == "Site D" && store.buildings.first?.slip == "0 d*")
        #expect(store.buildings.first?.behind == "+7 pts*")
        // Within the warning threshold (10 points): illustrative progress keeps to the plan.
        #expect(store.buildings.first?.behindSeverity == .good)
        // A completed building is behind nothing: its column is empty, and sorts last.
        #expect(store.buildings.suffix(3).map(\.label).sorted() == ["11", "8", "9"])
        #expect(store.buildings.suffix(3).allSatisfy { $0.behind.isEmpty })
        store.send(.reverseSort) { $0.buildingSortAscending = true }
        store.send(.sortByNextColumn) { $0.buildingSort = .leased }
        store.send(.sortByNextColumn) { $0.buildingSort = .reported }
        store.send(.sortByNextColumn) { $0.buildingSort = .id }
        store.send(.sortByNextColumn) { $0.buildingSort = .label }
        store.send(.sortByPreviousColumn) { $0.buildingSort = .id }
    }

    @Test func theFilterNarrowsRowsAsYouTypeAndEscClearsIt() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.beginFilter) { $0.isEditingFilter = true }
        for c in "lab" { store.send(.typeInFilter(c)) { $0.buildingFilter.append(c) } }
        #expect(store.buildings.map(\.label) == ["8", "9", "Site A", "Site B", "Site C", "Site D"])
        store.send(.typeInFilter("\u{1B}")) { _ in }
        store.send(.deleteFilterCharacter) { $0.buildingFilter = "la" }
        store.send(.commitFilter) { $0.isEditingFilter = false }
        store.send(.typeInFilter("x")) { _ in }
        store.send(.clearFilter) { $0.buildingFilter = "" }
        #expect(store.buildings.count == 8)
        store.send(.beginFilter) { $0.isEditingFilter = true }
        store.send(.typeInFilter("h")) { $0.buildingFilter = "h" }
        store.send(.clearFilter) {
            $0.isEditingFilter = false
            $0.buildingFilter = ""
        }
    }

    @Test func filterMatchesStatusAndChineseNames() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.beginFilter) { $0.isEditingFilter = true }
        for c in "complete" { store.send(.typeInFilter(c)) { $0.buildingFilter.append(c) } }
        #expect(store.buildings.map(\.label) == ["8", "9", "11"])
        store.send(.clearFilter) {
            $0.isEditingFilter = false
            $0.buildingFilter = ""
        }
        store.send(.beginFilter) { $0.isEditingFilter = true }
        store.send(.typeInFilter("寓")) { $0.buildingFilter = "寓" }
        #expect(store.buildings.map(\.label) == ["11"])
    }

    /// `/` in any other list searches it: the selection jumps to the first match as you type,
    /// `n` / `N` step through the matches round the end, `Esc` drops the search.
    @Test func searchJumpsToMatchesInEveryList() {
        var store = Store()
        store.send(.focus(.institutions)) { $0.focus = .institutions }
        store.send(.beginFilter) {
            $0.isEditingFilter = true
            $0.searches[.institutions] = ""
        }
        let rows = store.models.institutions(.english).rows
        for c in "operating" {
            store.send(.typeInFilter(c)) {
                $0.searches[.institutions, default: ""].append(c)
                // The first row matches from the first letter: the selection, nil until now, names it.
                $0.selectedInstitutionID = rows[0].id
            }
        }
        store.send(.commitFilter) { $0.isEditingFilter = false }
        let matching = rows.indices.filter { rows[$0].status.lowercased().contains("operating") }
        store.send(.nextMatch(by: 1)) { $0.selectedInstitutionID = rows[matching[1]].id }
        store.send(.nextMatch(by: -1)) { $0.selectedInstitutionID = rows[matching[0]].id }
        store.send(.nextMatch(by: -1)) { $0.selectedInstitutionID = rows[matching.last!].id }
        store.send(.clearFilter) { $0.searches[.institutions] = nil }
        store.send(.nextMatch(by: 1)) { $0.notice = Notice(.noSearch) }
        // The Budget searches every allocation, folded or not, and opens only the branch of the one found.
        store.send(.focus(.budget)) {
            $0.focus = .budget
            $0.notice = nil
        }
        store.send(.beginFilter) {
            $0.isEditingFilter = true
            $0.searches[.budget] = ""
        }
        var above: Set<String> = []
        var parent = store.state.shown.parent(ofAllocation: "item-748cl")
        while let open = parent {
            above.insert(open.id)
            parent = store.state.shown.parent(ofAllocation: open.id)
        }
        #expect(!above.isEmpty)
        for c in "748" {
            store.send(.typeInFilter(c)) {
                $0.searches[.budget, default: ""].append(c)
                $0.selectedAllocationID = "item-748cl"
                $0.expandedAllocations = above
            }
        }
        #expect(store.models.budget(store.state).rows.contains { $0.id == "item-748cl" })
        store.send(.typeInFilter("x")) {
            $0.searches[.budget] = "748x"
            $0.notice = Notice(.noSearchMatch, "748x")
        }
        // Esc ends the search; the row found stays selected, in view.
        store.send(.clearFilter) {
            $0.isEditingFilter = false
            $0.searches[.budget] = nil
            $0.notice = nil
        }
        // The Overview has no list to search.
        store.send(.focus(.overview)) { $0.focus = .overview }
    }

    @Test func enterOpensTheSelectedItemsDetailAndEscGoesBack() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.moveSelection(by: 6)) { $0.selectedBuildingID = "B1-D" }
        store.send(.openDetail, effects: [.loadHistory(subject: "B1-D", knownOn: nil)]) {
            $0.overlays = [.building(id: "B1-D")]
            $0.history = HistoryState(subject: "B1-D")
        }
        store.send(.moveSelection(by: 3)) { $0.overlayScroll = 3 }
        store.send(.openDetail) { _ in }
        store.send(.closeOverlay) {
            $0.overlays = []
            $0.overlayScroll = 0
            $0.history = HistoryState()
        }
        store.send(.focus(.overview)) { $0.focus = .overview }
        store.send(.openDetail) { _ in }
        store.send(.showHelp) { $0.overlays = [.help] }
        store.send(.focus(.phases)) {
            $0.focus = .phases
            $0.overlays = []
        }
    }

    /// A cut-off milestone title can be read in full: Enter on the timeline opens its detail.
    @Test func enterOnAMilestoneOpensItsDetail() throws {
        var store = Store()
        store.send(.focus(.phases)) { $0.focus = .phases }
        let selected = store.state.shown.timeline[store.state.selectedMilestone]
        store.send(.openDetail, effects: [.loadHistory(subject: selected.id, knownOn: nil)]) {
            $0.overlays = [.milestone(id: selected.id)]
            $0.history = HistoryState(subject: selected.id)
        }
        let detail = try #require(store.models.detail(store.state, language: .english))
        #expect(detail.title == selected.name)
        #expect(detail.lines.contains(.field(Fact("Id (hetao record)", selected.id))))
    }

    @Test func budgetBranchesExpandCollapseAndCollapseMovesToTheParent() {
        var store = Store()
        store.send(.focus(.budget)) { $0.focus = .budget }
        #expect(store.allocations.map(\.id) == ["phase-1-earmark", "phase-1-infrastructure", "phase-1-injection",
                                                "life-health", "ai-institute", "microelectronics", "innohk"])
        store.send(.moveSelection(by: 3)) { $0.selectedAllocationID = "life-health" }
        store.send(.expand) { $0.expandedAllocations = ["life-health"] }
        #expect(store.allocations[4...5].map(\.id) == ["funding-scheme", "life-health-centre"])
        #expect(store.allocations[3].unallocated == "HK$1.8 bn unallocated")
        #expect(store.allocations[4].shareText == "60%")
        store.send(.moveSelection(by: 2)) { $0.selectedAllocationID = "life-health-centre" }
        store.send(.collapse) { $0.selectedAllocationID = "life-health" }
        store.send(.collapse) { $0.expandedAllocations = [] }
        store.send(.expandAll) {
            $0.expandedAllocations = ["phase-1-earmark", "batch-1-equity", "life-health", "funding-scheme", "microelectronics"]
        }
        // Rows appeared above it; the selection stays on the same allocation.
        #expect(store.allocations.firstIndex { $0.id == "life-health" } == 8)
        store.send(.openDetail, effects: [.loadHistory(subject: "life-health", knownOn: nil)]) {
            $0.overlays = [.allocation(id: "life-health")]
            $0.history = HistoryState(subject: "life-health")
        }
        store.send(.closeOverlay) {
            $0.overlays = []
            $0.history = HistoryState()
        }
        store.send(.moveSelection(by: 2)) { $0.selectedAllocationID = "funding-scheme-2025-26" }
        #expect(store.allocations[10].id == "funding-scheme-2025-26")
        store.send(.collapseAll) {
            $0.expandedAllocations = []
            $0.selectedAllocationID = "life-health"
        }
        #expect(store.allocations[3].id == "life-health")
    }

    @Test func quittingIsAnEffect() {
        var store = Store()
        store.send(.quit, effects: [.quit]) { $0.isQuitting = true }
    }

    @Test func endThenUpMovesAtOnceAndAPageIsWhatTheScreenShows() {
        var store = Store()
        store.send(.resized(Viewport(width: 80, height: 24))) { $0.viewport = Viewport(width: 80, height: 24) }
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.openDetail, effects: [.loadHistory(subject: "B8", knownOn: nil)]) {
            $0.overlays = [.building(id: "B8")]
            $0.history = HistoryState(subject: "B8")
        }
        // The frame measured 25 lines more than fit.
        store.send(.measured(ScrollLimits(overlay: 25, overview: 4))) { $0.scrollLimits = ScrollLimits(overlay: 25, overview: 4) }
        store.send(.selectLast) { $0.overlayScroll = 25 }
        store.send(.moveSelection(by: -1)) { $0.overlayScroll = 24 }
        store.send(.movePage(by: -1)) { $0.overlayScroll = 5 }
        store.send(.movePage(by: 1)) { $0.overlayScroll = 24 }
        store.send(.movePage(by: 1)) { $0.overlayScroll = 25 }
        // A frame that measures less (a narrower terminal wraps less) clamps what is beyond it.
        store.send(.measured(ScrollLimits(overlay: 10, overview: 4))) {
            $0.scrollLimits = ScrollLimits(overlay: 10, overview: 4)
            $0.overlayScroll = 10
        }
    }

    @Test func theTerminalsSizeLivesInTheState() {
        var store = Store()
        store.send(.resized(Viewport(width: 120, height: 40))) { $0.viewport = Viewport(width: 120, height: 40) }
    }

    @Test func openingADetailAsksForItsHistoryAndShowsItWhenLoaded() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.openDetail, effects: [.loadHistory(subject: "B8", knownOn: nil)]) {
            $0.overlays = [.building(id: "B8")]
            $0.history = HistoryState(subject: "B8")
        }
        let record = StatusRecord(id: 3, kind: .progress, subject: "B8", asOf: Day(iso: "2026-11-20")!, source: "s", percent: 100)
        store.send(.historyLoaded(subject: "B8", records: [record])) { $0.history.records = [record] }
        // A late answer about something no longer open is dropped.
        store.send(.historyLoaded(subject: "B9", records: [record])) { _ in }
        store.send(.closeOverlay) {
            $0.overlays = []
            $0.history = HistoryState()
        }
    }

    @Test func aNewRecordIsShownAndTheOpenHistoryReadAgain() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.moveSelection(by: 4)) { $0.selectedBuildingID = "B1-B" }
        store.send(.openDetail, effects: [.loadHistory(subject: "B1-B", knownOn: nil)]) {
            $0.overlays = [.building(id: "B1-B")]
            $0.history = HistoryState(subject: "B1-B")
        }
        let faster = store.programme.applying([
            StatusRecord(id: 99, kind: .progress, subject: "B1-B", asOf: Day(iso: "2026-11-24")!, source: "site report 48", percent: 47),
        ])
        // Polling found a commit: same selection, same overlay, the history read again.
        store.send(.programmeChanged(faster), effects: [.loadHistory(subject: "B1-B", knownOn: nil)]) {
            $0.present = faster
            $0.shown = faster
        }
        #expect(store.buildings.first { $0.id == "B1-B" }?.progressText == "47%")
    }
}

@Suite struct ViewModelTests {
    let programme = try! BundledDataset.load()

    @Test func buildingRowsAreDisplayReadyAndMarkIllustrativeValues() throws {
        let rows = BuildingsViewModel(programme: programme, state: AppState(programme: programme)).rows
        #expect(rows.map(\.label) == ["8", "9", "11", "Site A", "Site B", "Site C", "Site D", "Site E"])
        let b8 = rows[0]
        #expect(b8.status == "completed")
        #expect(b8.progressText == "100%")
        #expect(b8.expected == "by 2025-09-01")
        #expect(b8.slip == "+244 d")
        #expect(b8.slipSeverity == .bad)
        #expect(b8.leased == "")
        let siteA = rows[3]
        #expect(siteA.isPlaceholder)
        #expect(siteA.progressText == "90%*")
        #expect(siteA.progress == 0.9)
        #expect(siteA.expected == "2027-03-31*")
        #expect(siteA.use == "wet lab*")
        #expect(siteA.name == "Batch 1 site A")
    }

    @Test func theOverviewAnswersHowManyBuildingsAreComplete() {
        let model = OverviewViewModel(programme: programme, on: programme.asOf)
        #expect(model.headline.contains(Fact("Buildings", "3 complete, 5 under construction", severity: .good)))
        #expect(model.headline.contains(Fact("Complete", "Phase 1 10.1%*, Phase 2 0%", illustrative: true)))
        // The labs' letting as a trend, each point dated by its report.
        #expect(model.headline.contains(Fact("Labs let", "70% (2025-11) → 80% (2025-12-22) → 80% (2026-01-28) → 80% (2026-02)")))
        // As known in December 2025, the trend stops where the reports did.
        let then = OverviewViewModel(programme: programme.asPublished(on: Day(iso: "2025-12-31")!), on: Day(iso: "2025-12-31")!)
        #expect(then.headline.contains(Fact("Labs let", "70% (2025-11) → 80% (2025-12-22)")))
        #expect(model.money == [
            Fact("Equity injection to HKSTPC for HSITPL (Batch 1)", "HK$18.135 bn"),
            Fact("Life and health technology", "HK$10 bn"),
            Fact("  Funding Scheme for Establishing Life and Health Research Institutes", "HK$6 bn"),
            Fact("Hong Kong Artificial Intelligence Research and Development Institute", "HK$1 bn"),
            Fact("Hong Kong Microelectronics Research and Development Institute", "HK$2.84 bn"),
        ])
        #expect(model.parks.map(\.name) == ["Hetao Hong Kong Park", "Hong Kong Science Park", "Cyberport"])
    }

    @Test func phasesShowBatchCompletionAndATimelineFromBlueprintTo2035() {
        let model = PhasesViewModel(programme: programme, on: programme.asOf)
        #expect(model.phases.map(\.completionText) == ["10.1%*", "0%"])
        #expect(model.phases[0].batches.map(\.buildings) == ["3/8 built", "22 sites"])
        #expect(model.timeline.first { $0.id == "blueprint" }?.date == "2022-12")
        #expect(model.timeline.last?.id == "full-development")
        #expect(model.timeline.first { $0.id == "occupancy-90" }?.state == .overdue)
        #expect(model.timeline.first { $0.id == "opening" }?.state == .achieved)
        #expect(model.lastYear == 2036)
    }

    @Test func detailsListEveryFieldAndSourcesWithConfidence() throws {
        let detail = try #require(DetailViewModel(programme: programme, overlay: .building(id: "B1-D")))
        #expect(detail.title.contains("placeholder label"))
        #expect(detail.lines.contains(.field(Fact("Progress", "62%*", illustrative: true))))
        #expect(detail.lines.contains(.columns(["Completion", "2027-12-31*", "2027-12-31*", "—"])))
        #expect(detail.lines.contains(.field(Fact("Use", "dry lab*", illustrative: true))))
        #expect(detail.lines.contains { line in
            if case .field(let f) = line { return f.label == "[high]" && f.value.hasPrefix("itib-2025-12-22:") }
            return false
        })
        // The table and the detail judge a slip by the same rule.
        let b8 = try #require(DetailViewModel(programme: programme, overlay: .building(id: "B8")))
        #expect(b8.lines.contains(.field(Fact("Slip", "+244 d (expected completion vs baseline)", severity: .bad))))
        #expect(BuildingsViewModel(programme: programme, state: AppState(programme: programme)).rows.first { $0.id == "B8" }?.slipSeverity == .bad)
        let money = try #require(DetailViewModel(programme: programme, overlay: .allocation(id: "life-health")))
        #expect(money.lines.contains(.field(Fact("Unallocated", "HK$1,800 million", severity: .warning))))
        #expect(DetailViewModel(programme: programme, overlay: .building(id: "nope")) == nil)
    }
}

@Suite struct RecordingTests {
    let programme = try! BundledDataset.load()

    private func form(_ kind: RecordKind, _ subject: String) -> RecordForm {
        RecordForm(kind: kind, subject: subject, programme: programme, today: programme.asOf)
    }

    @Test func aRecordFromTheFormIsOfferedAsAnEffectAndItsAnswerShown() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.moveSelection(by: 3)) { $0.selectedBuildingID = "B1-A" }
        store.send(.openForm(.progress)) { $0.form = form(.progress, "B1-A") }
        store.send(.formEdit(.insert("61"))) { $0.form?.edit(.insert("61")) }
        store.send(.formMoveFocus(by: 2)) { $0.form?.focus = 2 }
        store.send(.formEdit(.insert("site walk 12"))) { $0.form?.edit(.insert("site walk 12")) }
        var expected = StatusRecord(kind: .progress, subject: "B1-A", asOf: store.today, source: "site walk 12",
                                    percent: 61)
        store.send(.formSubmit, effects: [.offerRecord(expected, acceptingWarnings: false, today: store.today)])
        expected.id = 42
        store.send(.recordAnswered(.saved(expected))) {
            $0.form = nil
            $0.notice = Notice(.recordSaved, "#42")
        }
        // The cursor stays on the building whatever the record does to the order.
        #expect(store.state.selectedBuildingID == "B1-A")
    }

    @Test func errorsStayInTheFormAndWarningsNeedASecondEnter() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.openForm(nil)) { $0.form = form(.progress, "B8") }
        let record = store.state.form!.record()!
        store.send(.formSubmit, effects: [.offerRecord(record, acceptingWarnings: false, today: store.today)])
        let missingSource = RecordIssue.error(.source, .sourceRequired)
        // The focus goes to the first field in error.
        store.send(.recordAnswered(.refused([missingSource]))) {
            $0.form?.issues = [missingSource]
            $0.form?.focus = 2
        }
        // Editing the field withdraws what was said of it.
        store.send(.formEdit(.insert("site walk"))) {
            $0.form?.edit(.insert("site walk"))
            #expect($0.form?.issues == [])
        }
        var withSource = record
        withSource.source = "site walk"
        let below = RecordIssue.warning(.percent, .belowLatest(5, latest: 100, asOf: Day(iso: "2026-11-20")!, record: 4))
        store.send(.recordAnswered(.refused([below]))) {
            $0.form?.issues = [below]
            $0.form?.awaitingConfirmation = true
        }
        store.send(.formSubmit, effects: [.offerRecord(withSource, acceptingWarnings: true, today: store.today)]) {
            $0.form?.issues = []
            $0.form?.awaitingConfirmation = false
        }
        store.send(.recordAnswered(.failed("the store is locked"))) { $0.form?.failure = "the store is locked" }
        // Esc writes nothing: no effect, the form gone.
        store.send(.formCancel) { $0.form = nil }
    }

    /// A correction where the records are: `e` in a building's detail opens the form on its
    /// newest standing record, ← → choose another, and saving supersedes the one chosen.
    @Test func eInADetailCorrectsTheRecordChosenThere() throws {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        let id = store.buildings[0].id
        store.send(.openDetail, effects: [.loadHistory(subject: id, knownOn: nil)]) {
            $0.overlays = [.building(id: id)]
            $0.history = HistoryState(subject: id)
        }
        // Before the history is read there is nothing to choose from.
        store.send(.openCorrection) { $0.notice = Notice(.nothingToCorrect) }
        let day = store.today
        let seed = StatusRecord(id: 1, kind: .progress, subject: id, asOf: day.adding(days: -9), recordedAt: "2026-11-20T00:00:00.000Z",
                                recordedBy: "dataset", source: "dataset", percent: 97)
        let wrong = StatusRecord(id: 7, kind: .progress, subject: id, asOf: day, recordedAt: "2026-11-21T00:00:00.000Z",
                                 recordedBy: "amy", note: "level 9", source: "site walk", percent: 98)
        let leasing = StatusRecord(id: 8, kind: .leasing, subject: id, asOf: day, recordedAt: "2026-11-22T00:00:00.000Z",
                                   recordedBy: "amy", source: "HSITPL", shareLet: 40)
        store.send(.historyLoaded(subject: id, records: [seed, wrong, leasing])) { $0.history.records = [seed, wrong, leasing] }
        let correcting = RecordForm(correcting: [wrong, seed], programme: store.programme, today: day)
        store.send(.openCorrection) {
            $0.notice = nil
            $0.form = correcting
        }
        let form = store.state.form!
        #expect(form.fields.first == .supersedes && form.corrected?.id == 7)
        #expect(form.text(.percent).text == "98" && form.text(.note).text == "level 9" && form.text(.source).text == "site walk")
        // ← → choose the record to correct; the form then holds what that one says.
        store.send(.formEdit(.right)) { $0.form?.edit(.right) }
        #expect(store.state.form?.corrected?.id == 1 && store.state.form?.text(.percent).text == "97")
        store.send(.formEdit(.left)) { $0.form?.edit(.left) }
        store.send(.formMoveFocus(by: 1)) { $0.form?.moveFocus(by: 1) }
        store.send(.formEdit(.insert("96"))) { $0.form?.edit(.insert("96")) }
        var submitted = try #require(store.state.form)
        let offered = submitted.record()
        let record = try #require(offered)
        store.send(.formSubmit, effects: [.offerRecord(record, acceptingWarnings: false, today: day)]) { $0.form?.issues = [] }
        #expect(record.supersedes == 7 && record.percent == 96 && record.asOf == day && record.source == "site walk")
    }

    @Test func unreadableFieldsStopTheFormBeforeTheStore() {
        var store = Store()
        store.send(.focus(.budget)) { $0.focus = .budget }
        let id = store.allocations[1].id
        store.send(.moveSelection(by: 1)) { $0.selectedAllocationID = id }
        store.send(.openForm(nil)) { $0.form = form(.spend, id) }
        store.send(.formEdit(.insert("lots"))) { $0.form?.edit(.insert("lots")) }
        // Every error at once: the amount that cannot be read, and the source the rules require.
        store.send(.formSubmit) {
            $0.form?.unreadable = [.committed: .formNotAnAmount]
            $0.form?.issues = [.error(.source, .sourceRequired)]
        }
    }

    @Test func aReadOnlyStoreExplainsInsteadOfOpeningTheForm() {
        var store = Store()
        store.state.recordingUnavailable = .formReadOnly
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.openForm(.progress)) { $0.notice = Notice(.formReadOnly) }
        // A milestone or leasing is recorded on a building, not on an allocation.
        store.state.recordingUnavailable = nil
        store.send(.focus(.budget)) {
            $0.focus = .budget
            $0.notice = nil
        }
        store.send(.openForm(.leasing))
    }

    @Test func aBuildingsDetailRecordsForThatBuilding() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.openDetail, effects: [.loadHistory(subject: "B8", knownOn: nil)]) {
            $0.overlays = [.building(id: "B8")]
            $0.history = HistoryState(subject: "B8")
        }
        store.send(.openForm(.milestone)) { $0.form = form(.milestone, "B8") }
    }
}

@Suite struct TimeTravelTests {
    /// Site A's progress as the Buildings pane shows it, staleness judged as the reducer judges it.
    private func siteA(_ store: Store) -> String? {
        store.buildings.first { $0.id == "B1-A" }?.progressText
    }

    @Test func theReducerAsksForThePastAndShowsItUntilNow() throws {
        var store = Store()
        let today = store.today
        let june = try #require(Day(iso: "2026-06-30"))
        let now = store.programme
        let past = now.applying([StatusRecord(id: 3, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-06-20")!, source: "r",
                                              percent: 40)])
        let newer = now.applying([StatusRecord(id: 4, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-11-19")!, source: "r",
                                               percent: 61)])
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.travelBack, effects: [.findKnownDay(.before(today))])
        store.send(.travelForward)   // already now
        store.send(.knownDayFound(.before(today), june), effects: [.readPast(june)])
        store.send(.pastRead(june, past)) {
            $0.shown = past
            $0.live.reckoning.knownOn = june
        }
        #expect(siteA(store) == "40%")
        // A record made meanwhile does not change the past on screen.
        store.send(.programmeChanged(newer)) { $0.present = newer }
        #expect(siteA(store) == "40%")
        store.send(.travelBack, effects: [.findKnownDay(.before(june))])
        store.send(.travelForward, effects: [.findKnownDay(.after(june))])
        store.send(.openForm(.progress)) { $0.notice = Notice(.formInThePast) }
        // Nothing became known after June before today: forward leads back to now.
        store.send(.knownDayFound(.after(june), today)) {
            $0.shown = newer
            $0.live.reckoning.knownOn = nil
        }
        #expect(siteA(store) == "61%")
        store.send(.knownDayFound(.before(today), nil)) { $0.notice = Notice(.nothingRecordedBefore) }
        // `T` from the past returns at once, with no read.
        store.send(.knownDayFound(.before(today), june), effects: [.readPast(june)])
        store.send(.pastRead(june, past)) {
            $0.shown = past
            $0.live.reckoning.knownOn = june
        }
        store.send(.travelToNow) {
            $0.notice = nil
            $0.shown = newer
            $0.live.reckoning.knownOn = nil
        }
    }
}

@Suite struct SortTests {
    /// `s` / `>` and `S` / `<` move among the columns the last frame showed, wrapping round.
    @Test func sortKeysMoveAmongTheColumnsOnScreen() {
        var store = Store()
        let shown: [BuildingColumn] = [.label, .name, .status, .progress, .slip]
        store.send(.measured(ScrollLimits(overlay: 0, overview: 0, buildingColumns: shown))) {
            $0.scrollLimits = ScrollLimits(overlay: 0, overview: 0, buildingColumns: shown)
        }
        store.send(.sortByNextColumn) { $0.buildingSort = .name }
        store.send(.sortByNextColumn) { $0.buildingSort = .status }
        store.send(.sortByPreviousColumn) { $0.buildingSort = .name }
        store.send(.sortByPreviousColumn) { $0.buildingSort = .label }
        store.send(.sortByPreviousColumn) { $0.buildingSort = .slip }
        store.send(.sortByNextColumn) { $0.buildingSort = .label }
        // A sort on a column no longer shown (the terminal narrowed) moves onto the screen.
        store.send(.sort(by: .reported)) { $0.buildingSort = .reported }
        store.send(.sortByNextColumn) { $0.buildingSort = .label }
    }
}

@Suite struct ClickTests {
    /// A click on a row selects it, in any list, clamped to what exists.
    @Test func selectRowSelectsInTheFocusedList() {
        var store = Store()
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.selectRow(4)) { $0.selectedBuildingID = "B1-B" }
        store.send(.selectRow(99)) { $0.selectedBuildingID = "B1-E" }
        store.send(.focus(.phases)) { $0.focus = .phases }
        store.send(.selectRow(0)) { $0.selectedMilestone = 0 }
        store.send(.focus(.institutions)) { $0.focus = .institutions }
        store.send(.selectRow(1)) { $0.selectedInstitutionID = "astri" }
    }
}

@Suite struct CommandLineTests {
    private func type(_ text: String, _ store: inout Store) {
        store.send(.commandEdit(.insert(text))) { $0.commandLine?.text.apply(.insert(text)) }
    }

    /// `:building "Site A"` runs as the keys would: Buildings focused, the row selected, its
    /// detail open; the line goes into the history.
    @Test func aCommandRunsAsTheActionsItNames() {
        var store = Store()
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("building \"Site A\"", &store)
        store.state.buildingFilter = "lab"
        store.send(.commandSubmit, effects: [.keepCommands(["building \"Site A\""]), .loadHistory(subject: "B1-A", knownOn: nil)]) {
            // The filter could hide the building: it goes, so the detail is Site A's.
            $0.buildingFilter = ""
            $0.commandLine = nil
            $0.commandHistory = ["building \"Site A\""]
            $0.focus = .buildings
            $0.selectedBuildingID = "B1-A"
            $0.overlays = [.building(id: "B1-A")]
            $0.history = HistoryState(subject: "B1-A")
        }
    }

    /// A wrong line stays open with the error in place, until it is edited.
    @Test func errorsStayInTheLine() {
        var store = Store()
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("known 2026-02-30", &store)
        store.send(.commandSubmit) { $0.commandLine?.error = Notice(.commandNoSuchDay, "2026-02-30") }
        store.send(.commandEdit(.deleteBackward)) {
            $0.commandLine?.text.apply(.deleteBackward)
            $0.commandLine?.error = nil
        }
        store.send(.commandCancel) { $0.commandLine = nil }
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("record spend B1-A", &store)
        store.send(.commandSubmit) {
            $0.commandLine?.error = Notice(.commandCannotRecord, "spend", "B1-A")
        }
        store.send(.commandCancel) { $0.commandLine = nil }
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("teleport", &store)
        store.send(.commandSubmit) {
            $0.commandLine?.error = Notice(.commandUnknown, "teleport", "building, pane, known, now, since, lang, theme, sort, filter, record, quit")
        }
    }

    /// Tab completes the command, then its argument; ↑ / ↓ walk the history and back to the draft.
    @Test func tabCompletesAndArrowsWalkTheHistory() {
        var store = Store()
        store.state.commandHistory = ["pane budget", "now"]
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("pa", &store)
        func line(_ text: String) -> EditableText {
            var edited = EditableText(text)
            edited.apply(.end)
            return edited
        }
        store.send(.commandComplete) { $0.commandLine?.text = line("pane ") }
        // "bu" could be budget or buildings: Tab keeps it; "bui" is buildings.
        type("bu", &store)
        store.send(.commandComplete) {
            $0.commandLine?.text = line("pane bu")
            $0.commandLine?.choices = ["buildings", "budget"]
        }
        store.send(.commandEdit(.insert("i"))) {
            $0.commandLine?.text.apply(.insert("i"))
            $0.commandLine?.choices = []
        }
        store.send(.commandComplete) { $0.commandLine?.text = line("pane buildings") }
        store.send(.commandHistory(by: -1)) {
            $0.commandLine?.draft = "pane buildings"
            $0.commandLine?.historyIndex = 1
            $0.commandLine?.text = line("now")
        }
        store.send(.commandHistory(by: -1)) {
            $0.commandLine?.historyIndex = 0
            $0.commandLine?.text = line("pane budget")
        }
        store.send(.commandHistory(by: 2)) {
            $0.commandLine?.historyIndex = nil
            $0.commandLine?.text = line("pane buildings")
        }
        // `:known DATE` and `:since DATE` ask the loop, as `t` and `--since` do.
        store.send(.commandCancel) { $0.commandLine = nil }
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("since 2026-11-01", &store)
        store.send(.commandSubmit, effects: [.keepCommands(["pane budget", "now", "since 2026-11-01"]), .startOfDay(Day(iso: "2026-11-01")!)]) {
            $0.commandLine = nil
            $0.commandHistory += ["since 2026-11-01"]
        }
    }
}

extension CommandLineTests {
    /// `:theme light` colours by another theme, offered by Tab; with colour off, it says so.
    @Test func themeSwitchesAmongTheThemesThereAre() {
        var store = Store()
        (store.state.themes, store.state.theme) = (["dark", "light"], "dark")
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("theme l", &store)
        store.send(.commandComplete) {
            var edited = EditableText("theme light")
            edited.apply(.end)
            $0.commandLine?.text = edited
        }
        store.send(.commandSubmit, effects: [.keepCommands(["theme light"]), .useTheme("light")]) {
            $0.commandLine = nil
            $0.commandHistory = ["theme light"]
            $0.theme = "light"
        }
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("theme sepia", &store)
        store.send(.commandSubmit) { $0.commandLine?.error = Notice(.commandNeeds, "theme", "dark, light") }
        store.send(.commandCancel) { $0.commandLine = nil }
        store.state.themes = []
        store.send(.openCommand) { $0.commandLine = CommandPrompt() }
        type("theme dark", &store)
        store.send(.commandSubmit) { $0.commandLine?.error = Notice(.colourOff) }
    }
}

@Suite struct SortChooserTests {
    /// `s` offers the columns on screen, the current one selected; Enter sorts, again reverses.
    @Test func theChooserSortsByTheColumnPicked() {
        var store = Store()
        let shown: [BuildingColumn] = [.label, .name, .status, .progress, .slip]
        store.send(.measured(ScrollLimits(overlay: 0, overview: 0, buildingColumns: shown))) {
            $0.scrollLimits = ScrollLimits(overlay: 0, overview: 0, buildingColumns: shown)
        }
        store.send(.focus(.buildings)) { $0.focus = .buildings }
        store.send(.openSortChooser) { $0.overlays = [.sortChooser] }
        store.send(.moveSelection(by: 4)) { $0.selectedSortChoice = 4 }
        store.send(.moveSelection(by: 1))
        store.send(.pickSort) {
            $0.overlays = []
            $0.buildingSort = .slip
        }
        store.send(.openSortChooser) {
            $0.overlays = [.sortChooser]
        }
        store.send(.selectRow(4))
        store.send(.pickSort) {
            $0.overlays = []
            $0.buildingSortAscending = false
        }
    }
}

@Suite struct JumpTests {
    /// `--as-known-on` and `:known`: straight to a day's past, or now for today and later.
    @Test func travellingToADayReadsItsPastOrReturnsToNow() throws {
        var store = Store()
        let june = try #require(Day(iso: "2025-06-30"))
        store.send(.travelTo(june), effects: [.readPast(june)])
        let past = store.programme.asPublished(on: june)
        store.send(.pastRead(june, past)) {
            $0.shown = past
            $0.live.reckoning.knownOn = june
        }
        store.send(.travelTo(store.today)) {
            $0.shown = $0.present
            $0.live.reckoning.knownOn = nil
        }
        store.send(.travelTo(store.today))
    }

    /// `--since`: the changes from a day's start, shown at once; looking does not move the last visit.
    @Test func changesSinceADayAreShownAndLeaveTheLastVisit() {
        var store = Store()
        store.state.lastVisit = "2026-11-25T18:00:00.000Z"
        let stamp = "2026-11-01T16:00:00.000Z"
        store.send(.showChangesSince(stamp), effects: [.loadChanges(since: stamp)]) {
            $0.changesSince = .stamp(stamp)
            $0.overlays = [.changes]
        }
        store.send(.changesLoaded([], until: "2026-11-27T00:00:00.000Z")) { $0.changesUntil = "2026-11-27T00:00:00.000Z" }
        // `m` goes back to the last visit.
        store.send(.switchChangesSince, effects: [.loadChanges(since: "2026-11-25T18:00:00.000Z")]) { $0.changesSince = .lastVisit }
    }

    /// `/` narrows the list of changes to the lines that hold a word, and a detail's history to
    /// its rows that do; each filter stays with its list until that list closes.
    @Test func slashFiltersTheChangesAndADetailsHistory() {
        var store = Store()
        let until = "2026-11-27T00:00:00.000Z"
        store.state.lastVisit = "2026-11-25T18:00:00.000Z"
        func change(_ id: Int64, _ subject: String, by who: String) -> NetChange {
            let r = StatusRecord(id: id, kind: .progress, subject: subject, asOf: Day(iso: "2026-11-26")!,
                                 recordedAt: "2026-11-26T09:30:00.000Z", recordedBy: who, source: "site walk", percent: 61)
            return NetChange(before: nil, after: r, records: [r])
        }
        let changes = [change(12, "B1-A", by: "alice"), change(13, "B1-B", by: "bob")]
        store.send(.changesLoaded(changes, until: until)) {
            $0.changes = changes
            $0.changesUntil = until
        }
        store.send(.showChanges, effects: [.keepSeen(until: until)]) { $0.overlays = [.changes] }
        store.send(.beginFilter) { $0.isEditingFilter = true }
        for c in "BOB" { store.send(.typeInFilter(c)) { $0.overlayFilter.append(c) } }
        #expect(store.state.changeLines.map(\.change.subject) == ["B1-B"])
        store.send(.commitFilter) { $0.isEditingFilter = false }
        store.send(.moveSelection(by: 1))   // one line left: nowhere to go
        // Enter opens the one line left; the list keeps its filter under the detail.
        store.send(.openDetail, effects: [.loadHistory(subject: "B1-B", knownOn: nil)]) {
            $0.overlays = [.changes, .building(id: "B1-B")]
            $0.history = HistoryState(subject: "B1-B")
        }
        #expect(store.state.overlayFilter.isEmpty)
        let records = [changes[1].latest, change(14, "B1-B", by: "carol").latest]
        store.send(.historyLoaded(subject: "B1-B", records: records)) { $0.history.records = records }
        store.send(.beginFilter) { $0.isEditingFilter = true }
        for c in "carol" { store.send(.typeInFilter(c)) { $0.overlayFilter.append(c) } }
        let detail = store.models.detail(store.state, language: .english)!
        #expect(detail.lines.contains(.heading("History (1 of 2 records hold carol)")))
        #expect(!detail.lines.contains { if case .columns(let cells) = $0 { cells.contains("bob") } else { false } })
        store.send(.commitFilter) { $0.isEditingFilter = false }
        // Esc takes the filter away first, then the detail; the list's filter is still there.
        store.send(.closeOverlay) { $0.overlayFilter = "" }
        store.send(.closeOverlay) {
            $0.overlays = [.changes]
            $0.history = HistoryState()
        }
        #expect(store.state.overlayFilter == "BOB")
        store.send(.closeOverlay) { $0.overlayFilter = "" }
        store.send(.closeOverlay) { $0.overlays = [] }
        #expect(store.state.overlayFilters.isEmpty)
    }
}

@Suite struct ScheduleTests {
    @Test func zoomPanAndSelectionAndEnterOpensABuilding() {
        var store = Store()
        store.send(.focus(.schedule)) { $0.focus = .schedule }
        store.send(.zoom(by: -1))   // already the widest
        store.send(.pan(by: 8)) { $0.schedulePan = 8 }
        store.send(.zoom(by: 1)) {
            $0.scheduleZoom = .quarters
            $0.schedulePan = 0
        }
        store.send(.zoom(by: 5)) { $0.scheduleZoom = .months }
        store.send(.moveSelection(by: 3)) { $0.selectedScheduleRowID = "B8" }
        store.send(.openDetail, effects: [.loadHistory(subject: "B8", knownOn: nil)]) {
            $0.overlays = [.building(id: "B8")]
            $0.history = HistoryState(subject: "B8")
        }
        store.send(.closeOverlay) {
            $0.overlays = []
            $0.history = HistoryState()
        }
        // A batch row opens the batch's schedule and S-curve, read from its buildings' reports.
        store.send(.moveSelection(by: -1)) { $0.selectedScheduleRowID = "p1-batch-1" }
        // Batch 1's eight buildings all have a plan: their reports are asked for, or the batch's
        // daily sums when they were made with this programme's weights.
        let weights = CurveWeights(programme: store.programme).fingerprint
        let batch = store.programme.buildings.filter { $0.batchID == "p1-batch-1" }.map(\.id)
        #expect(batch.count == 8)
        let batchRequest = ProgressRequest(subjects: batch, batches: ["p1-batch-1"], weights: weights, knownOn: nil)
        store.send(.openDetail, effects: [.loadProgress(subject: "batch:p1-batch-1", request: batchRequest)]) {
            $0.overlays = [.group(.batch("p1-batch-1"))]
            $0.history = HistoryState(subject: "batch:p1-batch-1")
            $0.history.isReadingCurve = true
        }
        // Until the reports come, the detail says they are being read, and shows no stand-in.
        let reading = words(store.models.detail(store.state, language: .english))
        #expect(reading.contains { $0.contains("Reading every report of these buildings") })
        let points = [ProgressPoint(subject: "B8", asOf: Day(iso: "2025-01-31")!, percent: 100)]
        let curve = GroupProgress(programme: store.programme, group: .batch("p1-batch-1"))
            .reported(.reports(points), asOf: store.programme.asOf).map { SCurve.Point(day: $0.day, share: $0.share) }
        #expect(curve.count == 1 && curve[0].share > 0 && curve[0].share < 1)
        store.send(.progressLoaded(subject: "batch:p1-batch-1", knownOn: nil, progress: .reports(points))) {
            $0.history.curve = curve
            $0.history.isReadingCurve = false
        }
        let read = words(store.models.detail(store.state, language: .english))
        #expect(!read.contains { $0.contains("Reading every report") } && read.contains { $0.contains("against reported") })
        // Reports read for another day than the one shown are let go.
        store.send(.progressLoaded(subject: "batch:p1-batch-1", knownOn: Day(iso: "2026-01-05")!, progress: .reports([])))
        store.send(.closeOverlay) {
            $0.overlays = []
            $0.history = HistoryState()
        }
        // The programme's row opens the whole programme's: every report, or every batch's sums.
        store.send(.selectFirst) { $0.selectedScheduleRowID = "programme" }
        let programmeRequest = ProgressRequest(subjects: nil, batches: nil, weights: weights, knownOn: nil)
        store.send(.openDetail, effects: [.loadProgress(subject: "programme", request: programmeRequest)]) {
            $0.overlays = [.group(.programme)]
            $0.history = HistoryState(subject: "programme")
            $0.history.isReadingCurve = true
        }
    }

    @Test func rowsSpanTheirBuildingsAndSayHowLate() throws {
        let store = Store()
        let model = store.models.schedule(.english)
        #expect(model.rows.prefix(4).map(\.id) == ["programme", "phase-1", "p1-batch-1", "B8"])
        let b8 = try #require(model.rows.first { $0.id == "B8" })
        #expect(b8.baseline == Day(iso: "2021-09-01")!...Day(iso: "2024-12-31")!)
        #expect(b8.current == Day(iso: "2021-09-01")!...Day(iso: "2025-09-01")!)
        // Finished late is history: shown, not a live red flag. The slip rests on published dates:
        // unmarked, as in the Buildings pane and the reports; the bar's start is illustrative.
        #expect(b8.isIllustrative)
        #expect(b8.isDone && b8.varianceText == "+244 d" && b8.severity == .muted)
        #expect(b8.markers.allSatisfy { $0.isAchieved })
        let batch = try #require(model.rows.first { $0.id == "p1-batch-1" })
        #expect(batch.current?.upperBound == Day(iso: "2027-12-31") && !batch.isDone)
        // A group is measured against its own dated end: Batch 1's last baseline, Phase 1's 2030 target,
        // the programme's 2035; the three buildings that finished late in 2025 do not move them.
        for id in ["programme", "phase-1", "p1-batch-1"] {
            let row = try #require(model.rows.first { $0.id == id })
            #expect(row.variance == 0 && row.varianceText.hasPrefix("0 d") && row.severity == .good, "\(id)")
        }
        // Dates published at a month's precision are drawn as the whole month.
        #expect(model.rows.first { $0.id == "B1-A" }?.markers.last?.day == Day(iso: "2027-03-31"))
    }
}

/// The words a detail shows, one string a line: headings, texts and fields.
func words(_ detail: DetailViewModel?) -> [String] {
    (detail?.lines ?? []).compactMap { line in
        switch line {
        case .heading(let text), .text(let text): text
        case .field(let fact): fact.label + " " + fact.value
        default: nil
        }
    }
}
