import HetaoDomain
import HetaoPanes
import HetaoText
import HetaoViewModels
import TerminalKit

/// The run loop: draw when something changed, wait for input, apply the action. It sleeps until
/// a key, a resize, a signal or a change to the status store (the feed's descriptor), so an idle
/// dashboard does nothing and writes nothing, and a record written elsewhere shows at once.
/// Where the store cannot be watched it polls the feed between waits.
public final class DashboardLoop {
    /// How often a feed that cannot be watched is polled.
    public static let pollMilliseconds = 500

    private let backend: any TerminalBackend
    private let feed: (any StatusFeed)?
    /// Where the user's last visit and meeting are kept; nil keeps nothing.
    private let marks: (any VisitMarks)?
    private let reducer = DashboardReducer()
    public private(set) var state: AppState
    /// Effects that only mark the screen, carried out once the next frame is out.
    private var afterFrame: [Effect] = []
    /// Where the last frame lets a mouse act: what a click or the wheel there means; and what
    /// the last press did, which a double press must repeat to open.
    private var hits: [Hit] = []
    private var pressed: [Action] = []
    /// The themes `:theme` may switch to, by name; none where colour is off.
    private let themes: [String: Theme]
    /// Reading too long to do between two keys.
    private let background = BackgroundWork()

    /// `reckoning` is today and the settings (the dataset's date when not given, for tests);
    /// `knownOn` opens on a past day, `since` on what changed since a UTC stamp; `theme` is the
    /// one the backend colours by, among `themes` (none: colour is off).
    public init(programme: Programme, backend: any TerminalBackend, feed: (any StatusFeed)? = nil, reckoning: Reckoning? = nil,
                language: Language = .english, pane: Pane = .overview, building: String? = nil,
                recordingUnavailable: Phrase? = nil, lastVisit: String? = nil, meeting: String? = nil,
                marks: (any VisitMarks)? = nil, session: (user: String, role: String)? = nil, knownOn: Day? = nil,
                since: String? = nil, clipboard: Bool = true, commandHistory: [String] = [],
                themes: [String: Theme] = [:], theme: String? = nil) {
        self.backend = backend
        self.themes = themes
        self.feed = feed
        self.marks = marks
        let current = feed?.poll() ?? programme
        var live = LiveContext(reckoning ?? Reckoning(today: current.asOf), isReadOnly: feed?.isReadOnly ?? false,
                               unreadableRecords: feed?.unreadableRecords ?? 0)
        (live.sessionUser, live.sessionRole) = (session?.user, session?.role)
        state = AppState(programme: current, live: live, language: language, canShowChinese: backend.glyphs.showsNonASCII)
        state.viewport = Self.viewport(backend.size)
        state.focus = pane
        state.recordingUnavailable = recordingUnavailable ?? (feed == nil ? .formNoStore : state.live.isReadOnly ? .formReadOnly : nil)
        state.lastVisit = lastVisit
        state.clipboard = clipboard
        state.commandHistory = commandHistory
        (state.themes, state.theme) = (themes.keys.sorted(), theme)
        state.meeting = meeting
        if feed != nil { _ = send(.started) }
        // Opened on a past day, or on what changed since a day (`--as-known-on`, `--since`).
        if let knownOn { _ = send(.travelTo(knownOn)) }
        if let since { _ = send(.showChangesSince(since)) }
        if let building {
            state.focus = .buildings
            state.selectedBuildingID = building
            _ = send(.openDetail)
        }
    }

    /// Runs until the person quits or the terminal goes away; returns the exit status.
    public func run() -> Int32 {
        var needsDraw = true
        while true {
            if needsDraw {
                let view = DashboardView(models: reducer.models, glyphs: backend.glyphs)
                let frame = view.frame(state, size: backend.size)
                backend.present(frame.grid)
                hits = frame.hits
                needsDraw = false
                // The scrolling views report how far they can go; a scroll past that (End) is
                // clamped to it, so the next move shows at once. The frame already shows the
                // clamped view, so nothing needs drawing again.
                if frame.limits != state.scrollLimits { _ = send(.measured(frame.limits)) }
            }
            // What only marks the screen (changes since the last visit) is read once the frame
            // is out, so a record shows before its marks are worked out.
            if !afterFrame.isEmpty {
                let before = state
                let effects = afterFrame
                afterFrame = []
                if carryOut(effects) { return 0 }
                if state != before {
                    needsDraw = true
                    continue
                }
            }
            let descriptor = feed?.descriptor
            let wait = feed != nil && descriptor == nil ? Self.pollMilliseconds : nil
            let action: Action
            switch backend.nextEvent(timeoutMilliseconds: wait, wakingOn: [descriptor, background.descriptor].compactMap { $0 }) {
            case .timeout, .wake:
                let finished = background.take()
                if !finished.isEmpty {
                    let before = state
                    if carryOut([], then: finished, deferring: true) { return 0 }
                    needsDraw = state != before
                }
                let programme = feed?.poll()
                if let feed, feed.outage != state.live.outage {
                    needsDraw = true
                    if send(.storeOutage(feed.outage)) { return 0 }
                }
                guard let programme else { continue }
                needsDraw = true
                action = .programmeChanged(programme, unreadableRecords: feed?.unreadableRecords ?? 0)
            case .resize(let size):
                needsDraw = true
                action = .resized(Self.viewport(size))
            case .terminated(let reason):
                return reason.exitStatus
            case .key(let key):
                action = KeyMap.action(for: key, in: state)
            case .mouse(let event):
                let actions = MouseMap.actions(for: event, in: hits, state: state, pressed: pressed)
                if event.kind == .press { pressed = actions }
                guard let last = actions.last else { continue }
                let before = state
                for clicked in actions.dropLast() where send(clicked) { return 0 }
                needsDraw = state != before
                action = last
            case .paste(let text):
                let actions = KeyMap.actions(forPaste: text, in: state)
                guard let last = actions.last else { continue }
                let before = state
                for typed in actions.dropLast() where send(typed) { return 0 }
                needsDraw = state != before
                action = last
            }
            let before = state
            if send(action) { return 0 }
            needsDraw = needsDraw || state != before
        }
    }

    /// Applies `action` and carries out the effects it asks for, each answered with an action;
    /// returns true when the dashboard should quit.
    private func send(_ action: Action) -> Bool {
        carryOut([], then: [action], deferring: true)
    }

    /// Carries out `effects`, then applies `actions` and the answers to what they ask for, in
    /// order. While `deferring`, effects that only mark the screen wait for the next frame.
    /// True when quitting.
    private func carryOut(_ effects: [Effect], then actions: [Action] = [], deferring: Bool = false) -> Bool {
        var pending = actions
        var effects = effects
        while true {
            for effect in effects {
                if deferring && effect.isAfterFrame {
                    afterFrame.append(effect)
                    continue
                }
                switch answer(to: effect) {
                case .quit: return true
                case .actions(let answers): pending += answers
                }
            }
            guard !pending.isEmpty else { return false }
            effects = reducer.reduce(&state, pending.removeFirst())
        }
    }

    private enum Answer {
        case quit
        case actions([Action])
    }

    /// Does what `effect` asks and says what happened, as actions for the reducer.
    private func answer(to effect: Effect) -> Answer {
        switch effect {
        case .quit:
            return .quit
        case .loadHistory(let subject, let day):
            return .actions([.historyLoaded(subject: subject, records: feed?.history(of: subject, asKnownOn: day) ?? [])])
        case .loadProgress(let subject, let request):
            // Every report of every building can take long to read; the screen says so meanwhile.
            guard let feed else { return .actions([.progressLoaded(subject: subject, knownOn: request.knownOn, progress: .reports([]))]) }
            let store = SharedFeed(feed)
            return .actions(background.start {
                [.progressLoaded(subject: subject, knownOn: request.knownOn, progress: store.feed.progress(request))]
            })
        case .offerRecord(let record, let acceptingWarnings, let today):
            guard let feed else { return .actions([]) }
            let outcome = feed.record(record, today: today, acceptingWarnings: acceptingWarnings)
            // Shown at once, not when the store's change notice arrives.
            guard case .saved = outcome, let programme = feed.poll() else { return .actions([.recordAnswered(outcome)]) }
            return .actions([.recordAnswered(outcome), .programmeChanged(programme, unreadableRecords: feed.unreadableRecords)])
        case .findKnownDay(let travel):
            // Without a store there is no past.
            switch travel {
            case .before(let day): return .actions([.knownDayFound(travel, feed?.dayKnown(before: day))])
            case .after(let day): return .actions([.knownDayFound(travel, feed?.dayKnown(after: day))])
            }
        case .readPast(let day):
            guard let feed else { return .actions([]) }
            return .actions([.pastRead(day, feed.programme(asKnownOn: day))])
        case .loadChanges(let stamp):
            guard let read = feed?.changes(since: stamp) else { return .actions([]) }
            return .actions([.changesLoaded(read.changes, until: read.until)])
        case .keepSeen(let stamp):
            marks?.sawChanges(until: stamp)
            return .actions([])
        case .keepMeeting:
            return .actions(marks.map { [.meetingMarked($0.markMeeting())] } ?? [])
        case .keepCommands(let lines):
            marks?.keepCommands(lines)
            return .actions([])
        case .copy(let text):
            backend.copy(text)
            return .actions([])
        case .useTheme(let name):
            if let theme = themes[name] { backend.use(theme) }
            return .actions([])
        case .startOfDay(let day):
            return .actions(feed.map { [.showChangesSince($0.stamp(startOf: day))] } ?? [])
        }
    }

    private static func viewport(_ size: Size) -> Viewport { Viewport(width: size.width, height: size.height) }
}

/// The feed, read from the background: its `progress` only reads the store, whose own queue puts
/// each read in turn with the loop's.
private struct SharedFeed: @unchecked Sendable {
    let feed: any StatusFeed
    init(_ feed: any StatusFeed) { self.feed = feed }
}
