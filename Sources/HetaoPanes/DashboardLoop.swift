import HetaoDomain
import HetaoViewModels
import TerminalKit

/// The run loop: draw when something changed, wait for input, apply the action. It blocks on
/// input between frames, so an idle dashboard does nothing and writes nothing.
public final class DashboardLoop {
    /// How long one wait for input lasts. Signals interrupt the wait and a lost terminal ends
    /// it at once; the timeout bounds how late either can be noticed.
    public static let waitMilliseconds = 500

    private let backend: any TerminalBackend
    private let reducer: DashboardReducer
    private let view: DashboardView
    public private(set) var state: AppState

    public init(programme: Programme, backend: any TerminalBackend) {
        self.backend = backend
        reducer = DashboardReducer(programme: programme)
        view = DashboardView(programme: programme, glyphs: backend.glyphs)
        state = AppState(programme: programme)
    }

    /// Runs until the person quits or the terminal goes away; returns the exit status.
    public func run() -> Int32 {
        var needsDraw = true
        while true {
            if needsDraw {
                backend.present(view.render(state, size: backend.size))
                needsDraw = false
            }
            switch backend.nextEvent(timeoutMilliseconds: Self.waitMilliseconds) {
            case .timeout:
                continue
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
}
