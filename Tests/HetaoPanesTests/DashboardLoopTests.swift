import HetaoData
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

    init(size: Size, events: [InputEvent]) {
        self.size = size
        self.events = events
    }

    func present(_ grid: Grid) { frames.append(grid) }

    func nextEvent(timeoutMilliseconds: Int) -> InputEvent {
        guard !events.isEmpty else { return .terminated(.inputClosed) }
        let event = events.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }
}

@Suite struct DashboardLoopTests {
    let programme = try! DatasetLoader.loadBundled()

    @Test func drawsOnlyWhenSomethingChanged() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [
            .timeout, .timeout, .key(.character("x")), .key(.character("3")), .key(.character("3")),
            .resize(Size(width: 100, height: 30)), .key(.character("q")),
        ])
        let status = DashboardLoop(programme: programme, backend: terminal).run()
        #expect(status == 0)
        // First frame, the switch to Buildings, the resize: timeouts, unbound keys and a key
        // that changes nothing draw nothing.
        #expect(terminal.frames.count == 3)
        #expect(terminal.frames.last?.size == Size(width: 100, height: 30))
    }

    @Test func aLostTerminalOrASignalEndsTheLoopWithItsStatus() {
        let hangup = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.terminated(.hangup)])
        #expect(DashboardLoop(programme: programme, backend: hangup).run() == 129)
        let interrupted = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.terminated(.interrupt)])
        #expect(DashboardLoop(programme: programme, backend: interrupted).run() == 130)
    }

    @Test func keysMapThroughTheOneTable() {
        var state = AppState()
        #expect(KeyMap.action(for: .tab, in: state) == .focusNextPane)
        #expect(KeyMap.action(for: .character("/"), in: state) == nil)
        state.focus = .buildings
        #expect(KeyMap.action(for: .character("/"), in: state) == .beginFilter)
        state.isEditingFilter = true
        #expect(KeyMap.action(for: .character("q"), in: state) == .typeInFilter("q"))
        #expect(KeyMap.action(for: .escape, in: state) == .clearFilter)
        #expect(KeyMap.action(for: .control("c"), in: state) == .quit)
        #expect(KeyMap.hints(state) == ["Enter keep", "Esc clear"])
    }
}
