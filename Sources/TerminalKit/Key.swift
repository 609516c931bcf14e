/// A key press, independent of the terminal library that read it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)

    /// How the help overlay names the key.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        }
    }
}

/// What the terminal reports between frames.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// Text the terminal marked as pasted (bracketed paste): typed text, never commands.
    case paste(String)
    case mouse(MouseEvent)
    case resize(Size)
    /// Nothing arrived within the wait.
    case timeout
    /// Another descriptor the wait watched became readable (the status store changed, or work
    /// done off the input path finished).
    case wake
    /// The terminal is gone (hang-up, end of input, I/O error) or a signal asked us to stop.
    case terminated(TerminationReason)
}

public enum TerminationReason: Hashable, Sendable {
    case hangup, interrupt, quit, terminate, inputClosed

    /// The conventional exit status: 128 + signal, or 0 after a closed input.
    public var exitStatus: Int32 {
        switch self {
        case .hangup: return 129
        case .interrupt: return 130
        case .quit: return 131
        case .terminate: return 143
        case .inputClosed: return 0
        }
    }
}

/// A terminal the dashboard can run on: the ncurses backend, or a scripted one in tests.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    var glyphs: GlyphSet { get }
    /// Shows `grid`; only what differs from the last presented grid needs to be written.
    func present(_ grid: Grid)
    /// Waits for the next event: a key, a resize, a signal, one of `descriptors` becoming
    /// readable, or `timeoutMilliseconds` passing (nil waits without a limit, so an idle
    /// dashboard sleeps).
    func nextEvent(timeoutMilliseconds: Int?, wakingOn descriptors: [Int32]) -> InputEvent
    /// Puts `text` on the terminal's clipboard (OSC 52), which reaches the user's own clipboard
    /// over SSH and through tmux.
    func copy(_ text: String)
    /// Colours cells by `theme` from the next frame on (`:theme`).
    func use(_ theme: Theme)
}
