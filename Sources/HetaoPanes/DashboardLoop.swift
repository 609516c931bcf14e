import HetaoDomain
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
    private let reducer: DashboardReducer
    private var live: LiveContext
    public private(set) var state: AppState
    /// Changes since this stamp are read after the next frame.
    private var changesToLoad: String?

    /// `reckoning` is today and the settings (the dataset's date when not given, for tests).
    public init(programme: Programme, backend: any TerminalBackend, feed: (any StatusFeed)? = nil, reckoning: Reckoning? = nil,
                language: Language = .english, pane: Pane = .overview, building: String? = nil,
                recordingUnavailable: Phrase? = nil, lastVisit: String? = nil, meeting: String? = nil,
                marks: (any VisitMarks)? = nil, session: (user: String, role: String)? = nil) {
        self.backend = backend
        self.feed = feed
        self.marks = marks
        let current = feed?.poll() ?? programme
        live = LiveContext(reckoning ?? Reckoning(today: current.asOf), isReadOnly: feed?.isReadOnly ?? false,
                           unreadableRecords: feed?.unreadableRecords ?? 0)
        (live.sessionUser, live.sessionRole) = (session?.user, session?.role)
        reducer = DashboardReducer(cache: ViewModelCache(programme: current, reckoning: live.reckoning))
        state = AppState(programme: current, on: live.today, language: language, canShowChinese: backend.glyphs.showsNonASCII)
        state.viewport = Self.viewport(backend.size)
        state.focus = pane
        state.recordingUnavailable = recordingUnavailable ?? (feed == nil ? .formNoStore : live.isReadOnly ? .formReadOnly : nil)
        state.lastVisit = lastVisit
        state.meeting = meeting
        if feed != nil { _ = send(.started) }
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
                let view = DashboardView(cache: reducer.cache, glyphs: backend.glyphs)
                let frame = view.frame(state, size: backend.size, live: live)
                backend.present(frame.grid)
                needsDraw = false
                // The scrolling views report how far they can go; a scroll past that (End) is
                // clamped to it, so the next move shows at once. The frame already shows the
                // clamped view, so nothing needs drawing again.
                if frame.limits != state.scrollLimits { _ = send(.measured(frame.limits)) }
            }
            // What only marks the screen (changes since the last visit) is read once the frame
            // is out, so a record shows before its marks are worked out.
            if let stamp = changesToLoad {
                changesToLoad = nil
                let before = state
                guard let read = feed?.changes(since: stamp) else { continue }
                _ = send(.changesLoaded(read.changes, until: read.until))
                if state != before {
                    needsDraw = true
                    continue
                }
            }
            let descriptor = feed?.descriptor
            let wait = feed != nil && descriptor == nil ? Self.pollMilliseconds : nil
            let action: Action
            switch backend.nextEvent(timeoutMilliseconds: wait, wakingOn: descriptor) {
            case .timeout, .wake:
                guard let programme = feed?.poll() else { continue }
                live.unreadableRecords = feed?.unreadableRecords ?? 0
                needsDraw = true
                action = .programmeChanged(programme)
            case .resize(let size):
                needsDraw = true
                action = .resized(Self.viewport(size))
            case .terminated(let reason):
                return reason.exitStatus
            case .key(let key):
                guard let keyAction = KeyMap.action(for: key, in: state) else { continue }
                action = keyAction
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
        var pending = [action]
        while !pending.isEmpty {
            for effect in reducer.reduce(&state, pending.removeFirst()) {
                switch effect {
                case .quit:
                    return true
                case .loadHistory(let subject, let day):
                    pending.append(.historyLoaded(subject: subject, records: feed?.history(of: subject, asKnownOn: day) ?? []))
                case .loadProgress(let subject, let subjects, let day):
                    pending.append(.progressLoaded(subject: subject, points: feed?.progress(of: subjects, asKnownOn: day) ?? []))
                case .offerRecord(let record, let acceptingWarnings):
                    guard let feed else { continue }
                    let outcome = feed.record(record, today: live.today, acceptingWarnings: acceptingWarnings)
                    pending.append(.recordAnswered(outcome))
                    // Shown at once, not when the store's change notice arrives.
                    if case .saved = outcome, let programme = feed.poll() { pending.append(.programmeChanged(programme)) }
                case .travel(let travel):
                    pending.append(contentsOf: travelled(travel))
                case .loadChanges(let stamp):
                    changesToLoad = stamp
                case .keepSeen(let stamp):
                    marks?.sawChanges(until: stamp)
                case .keepMeeting:
                    if let marks { pending.append(.meetingMarked(marks.markMeeting())) }
                }
            }
        }
        return false
    }

    /// The store as it stood on the day `travel` leads to; without a store there is no past.
    private func travelled(_ travel: Travel) -> [Action] {
        guard let feed else { return [.travelled(to: nil, nil)] }
        // What changed meanwhile is the present to return to.
        let fresh = feed.poll().map { [Action.programmeChanged($0)] } ?? []
        switch travel {
        case .now:
            return fresh + [.travelled(to: nil, reducer.programme)]
        case .before(let day):
            guard let earlier = feed.dayKnown(before: day) else { return fresh + [.travelled(to: nil, nil)] }
            return fresh + [.travelled(to: earlier, feed.programme(asKnownOn: earlier))]
        case .after(let day):
            guard let later = feed.dayKnown(after: day), later < live.today else {
                return fresh + [.travelled(to: nil, reducer.programme)]
            }
            return fresh + [.travelled(to: later, feed.programme(asKnownOn: later))]
        }
    }

    private static func viewport(_ size: Size) -> Viewport { Viewport(width: size.width, height: size.height) }
}
