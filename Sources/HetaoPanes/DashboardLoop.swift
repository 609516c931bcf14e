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
    private var reducer: DashboardReducer
    private var view: DashboardView
    private var live: LiveContext
    /// The subject whose history `live` holds.
    private var historySubject: String?
    public private(set) var state: AppState

    public init(programme: Programme, backend: any TerminalBackend, feed: (any StatusFeed)? = nil, today: Day? = nil,
                staleAfterDays: Int = 30, language: Language = .english) {
        self.backend = backend
        self.feed = feed
        let current = feed?.poll() ?? programme
        live = LiveContext(today: today ?? current.asOf, staleAfterDays: staleAfterDays,
                           isReadOnly: feed?.isReadOnly ?? false, unreadableRecords: feed?.unreadableRecords ?? 0)
        let cache = ViewModelCache(programme: current, today: live.today, staleAfterDays: staleAfterDays)
        reducer = DashboardReducer(cache: cache)
        view = DashboardView(cache: cache, glyphs: backend.glyphs)
        state = AppState(programme: current, language: language, canShowChinese: backend.glyphs.showsNonASCII)
    }

    /// Runs until the person quits or the terminal goes away; returns the exit status.
    public func run() -> Int32 {
        var needsDraw = true
        while true {
            if needsDraw {
                loadHistory(force: false)
                backend.present(view.render(state, size: backend.size, live: live))
                needsDraw = false
            }
            let descriptor = feed?.descriptor
            let wait = feed != nil && descriptor == nil ? Self.pollMilliseconds : nil
            switch backend.nextEvent(timeoutMilliseconds: wait, wakingOn: descriptor) {
            case .timeout, .wake:
                if let programme = feed?.poll() {
                    let cache = ViewModelCache(programme: programme, today: live.today, staleAfterDays: live.staleAfterDays)
                    reducer = DashboardReducer(cache: cache)
                    view = DashboardView(cache: cache, glyphs: backend.glyphs)
                    loadHistory(force: true)
                    live.unreadableRecords = feed?.unreadableRecords ?? 0
                    needsDraw = true
                }
            case .resize:
                needsDraw = true
            case .terminated(let reason):
                return reason.exitStatus
            case .key(let key):
                guard let action = KeyMap.action(for: key, in: state) else { continue }
                let before = state
                if reducer.reduce(&state, action) == .quit { return 0 }
                needsDraw = state != before
            }
        }
    }

    /// The history behind the open detail view, fetched when the detail opens or the store changes.
    private func loadHistory(force: Bool) {
        let subject: String?
        switch state.overlay {
        case .building(let id), .allocation(let id): subject = id
        default: subject = nil
        }
        guard force || subject != historySubject else { return }
        historySubject = subject
        live.history = subject.flatMap { feed?.history(of: $0) } ?? []
    }
}
