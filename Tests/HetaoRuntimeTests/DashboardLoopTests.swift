import Glibc
import HetaoBundled
import HetaoData
import HetaoDomain
import HetaoRuntime
import HetaoViewModels
import TerminalKit
import Testing
@testable import HetaoPanes

/// A terminal that replays scripted events and records what was presented.
final class ScriptedTerminal: TerminalBackend {
    var size: Size
    let glyphs = GlyphSet.unicode
    private var events: [InputEvent]
    private(set) var frames: [Grid] = []
    /// The time limit of each wait the loop asked for (nil: none).
    private(set) var waits: [Int?] = []

    init(size: Size, events: [InputEvent]) {
        self.size = size
        self.events = events
    }

    func present(_ grid: Grid) { frames.append(grid) }

    /// What was put on the clipboard.
    private(set) var copied: [String] = []

    func copy(_ text: String) { copied.append(text) }

    /// The themes asked for, by name.
    private(set) var themes: [String] = []

    func use(_ theme: Theme) { themes.append(theme.name) }

    func nextEvent(timeoutMilliseconds: Int?, wakingOn descriptors: [Int32]) -> InputEvent {
        waits.append(timeoutMilliseconds)
        guard !events.isEmpty else { return .terminated(.inputClosed) }
        let event = events.removeFirst()
        // A scripted wake waits, as the real one does, for a watched descriptor to be readable.
        if event == .wake, !descriptors.isEmpty {
            var watched = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&watched, nfds_t(watched.count), 10_000)
        }
        if case .resize(let newSize) = event { size = newSize }
        return event
    }
}

@Suite struct DashboardLoopTests {
    let programme = try! BundledDataset.load()

    @Test func drawsOnlyWhenSomethingChanged() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .timeout, .timeout, .key(.character("x")), .key(.character("x")), .key(.character("3")), .key(.character("3")),
            .resize(Size(width: 100, height: 30)), .key(.character("q")),
        ])
        let status = DashboardLoop(programme: programme, backend: terminal).run()
        #expect(status == 0)
        // First frame, the unbound key saying so (once: the second changes nothing), the switch to
        // Buildings, the resize: timeouts and a key that changes nothing draw nothing.
        #expect(terminal.frames.count == 4)
        #expect(terminal.frames[1].lines.last?.contains("x: no action here; ? for keys") == true)
        #expect(terminal.frames.last?.size == Size(width: 100, height: 30))
    }

    @Test func aLostTerminalOrASignalEndsTheLoopWithItsStatus() {
        let hangup = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.terminated(.hangup)])
        #expect(DashboardLoop(programme: programme, backend: hangup).run() == 129)
        let interrupted = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.terminated(.interrupt)])
        #expect(DashboardLoop(programme: programme, backend: interrupted).run() == 130)
    }

    @Test func keysMapThroughTheOneTable() {
        var state = AppState(programme: programme)
        #expect(KeyMap.action(for: .tab, in: state) == .focusNextPane)
        // `/` searches every list; the Overview has none, which the reducer says.
        #expect(KeyMap.action(for: .character("/"), in: state) == .beginFilter)
        state.focus = .buildings
        #expect(KeyMap.action(for: .character("/"), in: state) == .beginFilter)
        state.isEditingFilter = true
        #expect(KeyMap.action(for: .character("q"), in: state) == .typeInFilter("q"))
        #expect(KeyMap.action(for: .escape, in: state) == .clearFilter)
        #expect(KeyMap.action(for: .control("c"), in: state) == .quit)
        #expect(KeyMap.hints(state) == ["Enter keep", "Esc clear"])
    }

    @Test func aNarrowStatusBarKeepsHelpQuitAndThePanesOwnKeys() throws {
        var state = AppState(programme: programme)
        state.focus = .buildings
        #expect(KeyMap.hints(state, fitting: 40) == ["q quit", "? help", "/ filter", "s sort"])
        #expect(KeyMap.hints(state, fitting: 200) == ["q quit", "? help", "Tab pane", "↑↓ move", "Enter detail", "r record",
                                                      "/ filter", "s sort"])
        // A hint names the key that does it, from the binding itself: rebinding is one edit.
        for binding in KeyMap.bindings where binding.hint != nil {
            let hint = try #require(KeyMap.hint(binding, in: state, texts: .english))
            #expect(binding.keys.contains { hint.hasPrefix($0.label) }, "\(hint)")
            if let partner = binding.hintPartner {
                #expect(KeyMap.bindings.contains { $0.scope == binding.scope && $0.action == partner }, "\(hint)")
            }
        }
        state.buildingFilter = "lab"
        #expect(KeyMap.action(for: .escape, in: state) == .clearFilter)
        state.overlays = [.help]
        #expect(KeyMap.action(for: .escape, in: state) == .closeOverlay)
        // In a detail `q` goes back, so the hint for quitting names `Q`.
        #expect(KeyMap.hints(state, fitting: 200) == ["Q quit", "? help", "Tab pane", "↑↓ move", "Enter detail", "Esc back"])
        state.overlays = []
        for pane in Pane.allCases {
            state.focus = pane
            #expect(KeyMap.hints(state, fitting: 20) == ["q quit", "? help"], "\(pane)")
        }
    }
}

/// A feed that hands out prepared programmes, one per poll, counts history reads and keeps
/// the records offered, answering with prepared outcomes (else saving them).
final class ScriptedFeed: StatusFeed {
    var programmes: [Programme]
    var outcomes: [RecordOutcome] = []
    /// The programme as known on each past day anything was recorded.
    var past: [Day: Programme] = [:]
    /// What has been recorded, for the changes since a last visit.
    var recent: [NetChange] = []
    /// The stamp the changes are read up to: the scripted clock.
    static let now = "2026-11-27T12:00:00.000Z"
    private(set) var offered: [(record: StatusRecord, acceptingWarnings: Bool)] = []
    let isReadOnly: Bool
    let unreadableRecords: Int
    let descriptor: Int32?
    private(set) var historyReads: [String] = []

    init(_ programmes: [Programme], readOnly: Bool = false, unreadable: Int = 0, descriptor: Int32? = nil) {
        self.programmes = programmes
        isReadOnly = readOnly
        unreadableRecords = unreadable
        self.descriptor = descriptor
    }

    /// What each poll finds of the store's reach, in turn; then it stays as the last.
    var outages: [StoreOutage?] = []
    private(set) var outage: StoreOutage?

    func poll() -> Programme? {
        if !outages.isEmpty { outage = outages.removeFirst() }
        return programmes.isEmpty ? nil : programmes.removeFirst()
    }

    func history(of subject: String, asKnownOn day: Day?) -> [StatusRecord] {
        historyReads.append(subject)
        return []
    }

    /// What `progress` answers, after `progressDelay` seconds: a large store reads slowly.
    var points: [ProgressPoint] = []
    var progressDelay: Double = 0

    func progress(_ request: ProgressRequest) -> ReportedProgress {
        if progressDelay > 0 { usleep(useconds_t(progressDelay * 1_000_000)) }
        return .reports(points)
    }

    func programme(asKnownOn day: Day) -> Programme { past[day]! }

    /// Days start at midnight UTC here: the stamps are plain to read in the tests.
    func stamp(startOf day: Day) -> String { day.iso + "T00:00:00.000Z" }

    func changes(since stamp: String) -> (changes: [NetChange], until: String) {
        (recent.filter { $0.latest.recordedAt >= stamp }, Self.now)
    }

    func dayKnown(before day: Day) -> Day? { past.keys.filter { $0 < day }.max() }

    func dayKnown(after day: Day) -> Day? { past.keys.filter { $0 > day }.min() }

    func record(_ record: StatusRecord, today: Day, acceptingWarnings: Bool) -> RecordOutcome {
        offered.append((record, acceptingWarnings))
        if !outcomes.isEmpty { return outcomes.removeFirst() }
        var saved = record
        saved.id = Int64(offered.count)
        return .saved(saved)
    }
}

@Suite struct LiveStatusTests {
    let programme = try! BundledDataset.load()

    private func recorded(_ percent: Double, asOf: String) -> Programme {
        programme.applying([StatusRecord(id: 99, kind: .progress, subject: "B1-B", asOf: Day(iso: asOf)!,
                                         recordedBy: "alice", source: "site report 48", percent: percent)])
    }

    @Test func aRecordFromElsewhereIsDrawnAtTheNextPollAndOnlyThen() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .key(.character("3")), .timeout, .timeout, .key(.character("q")),
        ])
        let feed = ScriptedFeed([recorded(45, asOf: "2026-11-21"), recorded(47, asOf: "2026-11-24")])
        let loop = DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: Day(iso: "2026-11-25")!))
        #expect(loop.run() == 0)
        // The first frame, the switch to Buildings, the new record: the second timeout found nothing new.
        #expect(terminal.frames.count == 3)
        let siteB = { (grid: Grid) in grid.lines.first { $0.contains("Site B") } ?? "" }
        #expect(siteB(terminal.frames[1]).contains(" 45% "))
        #expect(siteB(terminal.frames[2]).contains(" 47% "))
    }

    @Test func endThenUpInADetailScrollsUpAtOnce() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .key(.character("3")), .key(.enter), .key(.end), .key(.up), .key(.character("Q")),
        ])
        let loop = DashboardLoop(programme: programme, backend: terminal)
        #expect(loop.run() == 0)
        let frames = terminal.frames
        // Detail open, then End (the last lines), then Up: one line back, drawn at once.
        #expect(frames.count == 5)
        #expect(frames[3] != frames[2] && frames[4] != frames[3])
        #expect(frames[4].lines[2...21].joined() != frames[3].lines[2...21].joined())
        #expect(Array(frames[4].lines[3...21]) == Array(frames[3].lines[2...20]))
    }

    @Test func aRecordThatReSortsTheTableKeepsTheCursorOnTheSameBuilding() {
        // At 80 columns the table shows number, name, status, progress and slip: `>` moves among
        // those only, so progress is three presses away.
        let sortByProgress = Array(repeating: InputEvent.key(.character(">")), count: 3)
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.character("3"))] + sortByProgress + [
            .key(.down), .wake, .key(.character("q")),
        ])
        let faster = programme.applying([StatusRecord(id: 99, kind: .progress, subject: "B1-E", asOf: Day(iso: "2026-11-24")!,
                                                      recordedBy: "alice", source: "site report", percent: 50)])
        let feed = ScriptedFeed([programme, faster], descriptor: 7)
        _ = DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: Day(iso: "2026-11-25")!)).run()
        let selected = { (grid: Grid) in grid.lines.first { $0.hasPrefix("│›") } ?? "" }
        #expect(terminal.frames.last!.lines.contains { $0.contains("Progress▲") })
        #expect(selected(terminal.frames[terminal.frames.count - 2]).contains("Site E"))
        #expect(selected(terminal.frames.last!).contains("Site E") && selected(terminal.frames.last!).contains(" 50% "))
    }

    @Test func aWatchedStoreLetsTheLoopSleepUntilItChanges() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .key(.character("3")), .wake, .key(.character("q")),
        ])
        let feed = ScriptedFeed([recorded(47, asOf: "2026-11-24")], descriptor: 7)
        #expect(DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: Day(iso: "2026-11-25")!)).run() == 0)
        // No time limit on any wait: the dashboard wakes for a key or a change, never on a timer.
        #expect(terminal.waits == [nil, nil, nil])
        #expect(terminal.frames.last?.lines.first { $0.contains("Site B") }?.contains(" 47% ") == true)
        // A store that cannot be watched is polled.
        let polled = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.character("q"))])
        _ = DashboardLoop(programme: programme, backend: polled, feed: ScriptedFeed([])).run()
        #expect(polled.waits == [DashboardLoop.pollMilliseconds])
    }

    @Test func staleReportsAreMarkedAndAReadOnlyStoreIsNamed() {
        let stale = recorded(45, asOf: "2026-09-01")
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.character("3")), .key(.character("q"))])
        let feed = ScriptedFeed([stale], readOnly: true)
        #expect(DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: Day(iso: "2026-11-25")!, staleAfterDays: 30)).run() == 0)
        let frame = terminal.frames.last!
        #expect(frame.lines.first { $0.contains("Site B") }?.contains("45%!") == true)
        #expect(frame.lines.last?.contains("read-only store") == true)
        #expect(frame.lines.last?.contains("! stale >30d") == true)
    }

    /// The store's server stopped: the figures stay, the status bar says since when and as of
    /// when they were read, and the message goes when the store is back.
    @Test func anUnreachableStoreIsSaidUntilItIsBack() throws {
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [.timeout, .timeout, .key(.character("q"))])
        let feed = ScriptedFeed([])
        let since = "2026-11-25T06:02:31.000Z", asOf = "2026-11-25T06:01:58.000Z"
        feed.outages = [nil, StoreOutage(since: since, figuresAsOf: asOf), nil]
        // Said in local time, to the minute, as the rest of the dashboard says times.
        #expect(LocalTime.minute(of: since).hasSuffix(" " + LocalTime.clock(of: since)))
        #expect(DashboardLoop(programme: programme, backend: terminal, feed: feed).run() == 0)
        let bars = terminal.frames.map { $0.lines[39] }
        #expect(bars.count == 3)
        #expect(bars[1].contains("store unreachable since \(LocalTime.clock(of: since)), showing figures as of \(LocalTime.clock(of: asOf))"))
        #expect(!bars[0].contains("unreachable") && !bars[2].contains("unreachable"))
        // At 80 columns the legends give way to it, and the keys to quit and for help stay.
        let narrow = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.timeout, .key(.character("q"))])
        let down = ScriptedFeed([])
        down.outages = [StoreOutage(since: since, figuresAsOf: asOf)]
        #expect(DashboardLoop(programme: programme, backend: narrow, feed: down).run() == 0)
        let bar = try #require(narrow.frames.last?.lines[23])
        #expect(bar.contains("store unreachable since") && bar.contains("q quit") && !bar.contains("illustrative"))
    }

    @Test func unreadableRecordsAreCountedInTheStatusBar() {
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [.key(.character("q"))])
        #expect(DashboardLoop(programme: programme, backend: terminal, feed: ScriptedFeed([], unreadable: 2)).run() == 0)
        #expect(terminal.frames.last?.lines.last?.contains("2 unreadable records") == true)
    }

    @Test func openingADetailReadsItsHistoryOnce() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .key(.character("3")), .key(.enter), .key(.down), .key(.escape), .key(.character("q")),
        ])
        let feed = ScriptedFeed([])
        _ = DashboardLoop(programme: programme, backend: terminal, feed: feed).run()
        #expect(feed.historyReads == ["B8"])
    }
}

@Suite struct RecordFormLoopTests {
    let programme = try! BundledDataset.load()
    let today = Day(iso: "2026-11-27")!

    private func typed(_ text: String) -> [InputEvent] { text.map { .key(.character($0)) } }

    @Test func aRecordTypedInTheFormIsSavedAndShownAtOnce() {
        let keys: [InputEvent] = [.key(.character("3")), .key(.down), .key(.down), .key(.down), .key(.character("r"))]
            + typed("61") + [.key(.tab), .key(.tab)] + typed("site walk 12") + [.key(.enter), .key(.character("q"))]
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: keys)
        let saved = programme.applying([StatusRecord(id: 1, kind: .progress, subject: "B1-A", asOf: today,
                                                     source: "site walk 12", percent: 61)])
        let feed = ScriptedFeed([programme, saved], descriptor: 7)
        #expect(DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: today)).run() == 0)
        #expect(feed.offered.map(\.record) == [StatusRecord(kind: .progress, subject: "B1-A", asOf: today,
                                                             source: "site walk 12", percent: 61)])
        let last = terminal.frames.last!
        #expect(last.lines.first { $0.contains("Site A") }?.contains(" 61% ") == true)
        #expect(last.lines[23].contains("Recorded #1."))
        #expect(!last.lines.joined().contains("Record progress"))
    }

    @Test func escapeInAHalfFilledFormWritesNothing() {
        let keys: [InputEvent] = [.key(.character("3")), .key(.character("r"))] + typed("7")
            + [.paste("site\nwalk"), .key(.escape), .key(.character("q"))]
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: keys)
        let feed = ScriptedFeed([programme], descriptor: 7)
        _ = DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: today)).run()
        #expect(feed.offered.isEmpty)
        // The paste was typed into the field, its line break a space: it did not save.
        #expect(terminal.frames[terminal.frames.count - 2].lines.contains { $0.contains("7site walk") })
        #expect(!terminal.frames.last!.lines.joined().contains("Record progress"))
    }

    @Test func refusedRecordsShowTheValidatorsWordsNextToTheField() {
        let keys: [InputEvent] = [.key(.character("3")), .key(.character("r")), .key(.enter), .key(.character("q"))]
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: keys)
        let feed = ScriptedFeed([programme], descriptor: 7)
        feed.outcomes = [.refused([.error(.source, .sourceRequired)])]
        _ = DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: today)).run()
        // The error shows under its field, and the focus moves there.
        let lines = terminal.frames[terminal.frames.count - 2].lines
        let source = lines.firstIndex { $0.contains("Source") }!
        #expect(lines[source].contains("› Source"))
        #expect(lines[source + 1].contains("error: a source is required"))
        // Typing there (the q) withdraws it: it was said of what the field held before.
        #expect(!terminal.frames.last!.lines.joined().contains("error: a source is required"))
    }

    /// Over SSH the status bar says who the session is and in which role, before any key is refused.
    @Test func aSessionOverSSHShowsItsRoleAndName() {
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [.key(.character("q"))])
        _ = DashboardLoop(programme: programme, backend: terminal, feed: ScriptedFeed([], readOnly: true),
                          reckoning: Reckoning(today: today), session: ("alice", "viewer")).run()
        #expect(terminal.frames.last!.lines[39].contains(" viewer alice "))
        let local = ScriptedTerminal(size: Size(width: 120, height: 40), events: [.key(.character("q"))])
        _ = DashboardLoop(programme: programme, backend: local, reckoning: Reckoning(today: today)).run()
        #expect(!local.frames.last!.lines[39].contains("viewer"))
    }

    @Test func aReadOnlyStoreOrNoStoreSaysWhyThereIsNoForm() {
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [.key(.character("3")), .key(.character("r"))])
        _ = DashboardLoop(programme: programme, backend: terminal, feed: ScriptedFeed([], readOnly: true), reckoning: Reckoning(today: today)).run()
        #expect(terminal.frames.last!.lines[39].contains("Recording is not available: the status store is open read-only"))
        let none = ScriptedTerminal(size: Size(width: 120, height: 40), events: [.key(.character("3")), .key(.character("r"))])
        _ = DashboardLoop(programme: programme, backend: none, reckoning: Reckoning(today: today)).run()
        #expect(none.frames.last!.lines[39].contains("Recording is not available: there is no status store"))
    }
}

@Suite struct TimeTravelLoopTests {
    let programme = try! BundledDataset.load()
    let today = Day(iso: "2026-11-27")!

    private func siteA(_ percent: Double, asOf: String = "2026-06-20") -> Programme {
        programme.applying([StatusRecord(id: 9, kind: .progress, subject: "B1-A", asOf: Day(iso: asOf)!,
                                         source: "site report", percent: percent)])
    }

    @Test func tStepsBackThroughRecordingDaysAndZeroReturnsToNow() {
        let keys: [InputEvent] = [.key(.character("3")), .key(.character("t")), .key(.character("t")), .key(.character("t")),
                                  .key(.character("T")), .key(.character("0")), .key(.character("q"))]
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: keys)
        let feed = ScriptedFeed([siteA(61, asOf: "2026-11-25")], descriptor: 7)
        feed.past = [Day(iso: "2026-06-30")!: siteA(40), Day(iso: "2026-07-02")!: siteA(46)]
        _ = DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: today)).run()
        func row(_ frame: Int) -> String { terminal.frames[frame].lines.first { $0.contains("Site A") } ?? "" }
        func bar(_ frame: Int) -> String { terminal.frames[frame].lines.last ?? "" }
        // The figures are as of the newest among them: the record of 25 November.
        #expect(row(1).contains(" 61% ") && bar(1).contains("as of 2026-11-25"))
        #expect(row(2).contains(" 46% ") && bar(2).contains("as known on 2026-07-02 (0: now)"))
        #expect(row(3).contains(" 40% ") && bar(3).contains("as known on 2026-06-30"))
        // Nothing before the first recording day: it says so and stays.
        #expect(row(4).contains(" 40% ") && bar(4).contains("Nothing was recorded or published before this day."))
        #expect(row(5).contains(" 46% ") && bar(5).contains("as known on 2026-07-02"))
        #expect(row(6).contains(" 61% ") && bar(6).contains("as of 2026-11-25"))
    }
}

@Suite struct ChangesSinceLastVisitTests {
    let programme = try! BundledDataset.load()

    @Test func changedRowsAreMarkedAndCListsWhatFromWhatWhenAndByWhom() {
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [
            .key(.character("3")), .key(.character("c")), .key(.character("Q")),
        ])
        let feed = ScriptedFeed([programme], descriptor: 7)
        let before = StatusRecord(id: 4, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-11-20")!,
                                  recordedAt: "2026-11-20T08:00:00.000Z", recordedBy: "dataset", source: "s", percent: 45)
        let after = StatusRecord(id: 12, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-11-26")!,
                                 recordedAt: "2026-11-26T09:30:00.000Z", recordedBy: "alice", source: "site walk 12", percent: 61)
        feed.recent = [NetChange(before: before, after: after, records: [after])]
        let marks = ScriptedMarks()
        _ = DashboardLoop(programme: programme, backend: terminal, feed: feed, reckoning: Reckoning(today: Day(iso: "2026-11-27")!),
                          lastVisit: "2026-11-25T18:00:00.000Z", marks: marks).run()
        // Seen once the list was open: the last visit moves to when the changes were read.
        #expect(marks.seen == [ScriptedFeed.now])
        // The first frame goes out before the changes are read; the marks follow at once.
        #expect(terminal.frames.count == 4)
        #expect(!terminal.frames[0].lines.contains { $0.contains("Site A•") })
        let buildings = terminal.frames[2].lines
        #expect(buildings.contains { $0.contains("│ Site A• ") })
        #expect(buildings.contains { $0.contains("│ Site B ") })
        let changes = terminal.frames[3].lines.joined(separator: "\n")
        // In the viewer's zone (this process's; `hetao history` is checked in Hong Kong time), named once.
        let zone = LocalTime.zone
        #expect(changes.contains("Changed since \(LocalTime.minute(of: "2026-11-25T18:00:00.000Z")) \(zone)"))
        #expect(changes.contains("Batch 1 site A · Progress: 45% → 61% (1 record)"))
        #expect(changes.contains("recorded \(LocalTime.minute(of: "2026-11-26T09:30:00.000Z")) by alice; site walk 12"))
        #expect(changes.components(separatedBy: " \(zone)").count == 2)
    }

    @Test func aFirstVisitSaysSoAndCountsFromNow() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.character("c")), .key(.character("Q"))])
        let marks = ScriptedMarks()
        _ = DashboardLoop(programme: programme, backend: terminal, feed: ScriptedFeed([programme], descriptor: 7), marks: marks).run()
        #expect(terminal.frames.last!.lines.joined().contains("This is your first visit: what is recorded from now on will show here."))
        #expect(marks.seen == [nil])
    }

    private func siteAChanged() -> ScriptedFeed {
        let feed = ScriptedFeed([programme], descriptor: 7)
        let first = StatusRecord(id: 12, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-11-26")!,
                                 recordedAt: "2026-11-26T09:30:00.000Z", recordedBy: "alice", source: "walk", percent: 61)
        var fixed = first
        (fixed.id, fixed.percent, fixed.supersedes, fixed.recordedAt) = (13, 60, 12, "2026-11-26T10:00:00.000Z")
        feed.recent = [NetChange(before: nil, after: fixed, records: [first, fixed])]
        return feed
    }

    /// Quitting is not seeing: what was not looked at is still there next time.
    @Test func quittingWithoutLookingLeavesTheLastVisitWhereItWas() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.character("3")), .key(.character("q"))])
        let marks = ScriptedMarks()
        _ = DashboardLoop(programme: programme, backend: terminal, feed: siteAChanged(), lastVisit: "2026-11-25T18:00:00.000Z",
                          marks: marks).run()
        #expect(terminal.frames.last!.lines.contains { $0.contains("Site A•") })
        #expect(marks.seen.isEmpty)
    }

    /// Enter on a change opens what it is about; Esc comes back to the list.
    @Test func enterOnAChangeOpensItsDetail() {
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [
            .key(.character("c")), .key(.enter), .key(.escape), .key(.character("Q")),
        ])
        _ = DashboardLoop(programme: programme, backend: terminal, feed: siteAChanged(), lastVisit: "2026-11-25T18:00:00.000Z",
                          marks: ScriptedMarks()).run()
        let list = terminal.frames.first { $0.lines.joined().contains("Changed since") }!.lines.joined(separator: "\n")
        // Two records, one correcting the other, are one line: net.
        #expect(list.contains("› Batch 1 site A · Progress: — → 60% (2 records, 1 corrected)"))
        #expect(terminal.frames.contains { $0.lines.contains { $0.contains("Building Site A (placeholder label: number not public) — Batch 1 site A") } })
        #expect(terminal.frames.last!.lines.joined().contains("Changed since"))
    }

    /// `:theme light` reaches the terminal as the theme itself.
    @Test func themeCommandColoursByTheThemeNamed() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .key(.character(":")), .paste("theme light"), .key(.enter), .key(.character("Q")),
        ])
        _ = DashboardLoop(programme: programme, backend: terminal, themes: Theme.builtInByName, theme: "dark").run()
        #expect(terminal.themes == ["light"])
    }

    /// `y` copies the selected building's id, and says so.
    @Test func yCopiesTheSelectedId() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .key(.character("3")), .key(.down), .key(.character("y")), .key(.character("q")),
        ])
        _ = DashboardLoop(programme: programme, backend: terminal).run()
        #expect(terminal.copied == ["B9"])
        #expect(terminal.frames.last!.lines.last?.contains("Copied B9 to the clipboard") == true)
        let off = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.character("3")), .key(.character("y"))])
        _ = DashboardLoop(programme: programme, backend: off, clipboard: false).run()
        #expect(off.copied.isEmpty && off.frames.last!.lines.last?.contains("The clipboard is off") == true)
    }

    /// The `:` commands of a visit are kept for the next, and come back with `↑`.
    @Test func commandsAreKeptForTheNextVisit() {
        let marks = ScriptedMarks()
        let typed = ":pane budget".map { InputEvent.key(.character($0)) }
        let first = ScriptedTerminal(size: Size(width: 80, height: 24), events: typed + [.key(.enter), .key(.character("q"))])
        _ = DashboardLoop(programme: programme, backend: first, feed: ScriptedFeed([programme], descriptor: 7), marks: marks).run()
        #expect(marks.commands == ["pane budget"])
        let next = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.character(":")), .key(.up)])
        let loop = DashboardLoop(programme: programme, backend: next, commandHistory: marks.commands ?? [])
        _ = loop.run()
        #expect(next.frames.last!.lines.last?.hasPrefix(":pane budget") == true)
    }

    /// `q` goes back a step, as `Esc` does; the program ends on `q` from the panes.
    @Test func qClosesTheOverlayAndQuitsOnlyFromThePanes() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .key(.character("?")), .key(.character("q")), .key(.character("3")), .key(.enter), .key(.character("q")),
            .key(.character("?")), .key(.character("?")), .key(.character("q")), .timeout,
        ])
        let loop = DashboardLoop(programme: programme, backend: terminal)
        #expect(loop.run() == 0)
        // Help shown and closed, the detail shown and closed, `?` twice toggles help off; then `q` quits
        // and the timeout after it is never read.
        #expect(terminal.frames.contains { $0.lines.joined().contains("Help: keys") })
        #expect(!terminal.frames.last!.lines.joined().contains("Help: keys"))
        #expect(terminal.frames.last!.lines[0].contains("[3 Buildings]"))
        #expect(loop.state.isQuitting && loop.state.overlays.isEmpty)
    }

    /// The changes count from a meeting the user marks, until they mark the next one.
    @Test func aMeetingMarkedIsWhereTheChangesCountFrom() {
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [
            .key(.character("c")), .key(.character("m")), .key(.character("M")), .key(.character("m")), .key(.character("q")),
        ])
        let marks = ScriptedMarks()
        _ = DashboardLoop(programme: programme, backend: terminal, feed: siteAChanged(), lastVisit: "2026-11-25T18:00:00.000Z",
                          marks: marks).run()
        let text = terminal.frames.map { $0.lines.joined(separator: "\n") }
        #expect(text.contains { $0.contains("No meeting is marked yet: M marks one now.") })
        #expect(marks.meetings == 1)
        #expect(text.contains { $0.contains("Changed since the meeting of \(LocalTime.minute(of: ScriptedMarks.meeting))") })
        // Counted from the meeting, the last visit stays; back to it (m), it moves.
        #expect(marks.seen == [ScriptedFeed.now, ScriptedFeed.now])
    }
}

/// A user's marks kept in memory: what the dashboard told it.
final class ScriptedMarks: VisitMarks {
    static let meeting = "2026-11-27T13:00:00.000Z"
    private(set) var seen: [String?] = []
    private(set) var meetings = 0

    func sawChanges(until stamp: String?) { seen.append(stamp) }

    func markMeeting() -> String {
        meetings += 1
        return Self.meeting
    }

    /// The command history as last kept.
    private(set) var commands: [String]?

    func keepCommands(_ lines: [String]) { commands = lines }
}

@Suite struct BackgroundReadingTests {
    let programme = try! BundledDataset.load()

    /// The reports behind the programme's S-curve are read off the input path: the detail opens
    /// at once saying they are being read, and the curve is drawn when they come.
    @Test func aSlowReadLeavesTheScreenLiveAndTheCurveComesWhenReady() {
        let feed = ScriptedFeed([programme])
        feed.points = [ProgressPoint(subject: "B1-A", asOf: Day(iso: "2026-06-01")!, percent: 50)]
        feed.progressDelay = 0.3
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [
            .key(.character("6")), .key(.character("g")), .key(.enter), .key(.character("j")), .wake, .key(.character("Q")),
        ])
        #expect(DashboardLoop(programme: programme, backend: terminal, feed: feed).run() == 0)
        let screens = terminal.frames.map { $0.lines.joined(separator: "\n") }
        let opened = screens.firstIndex { $0.contains("Reading every report of these buildings") }
        let drawn = screens.lastIndex { $0.contains("against reported") && !$0.contains("Reading every report") }
        #expect(opened != nil && drawn != nil && opened! < drawn!)
    }
}
