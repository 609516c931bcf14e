import CNcursesw
import Glibc
import TerminalKit

/// The ncurses backend: the only code that touches the terminal library. It sets the terminal
/// up, reads keys, presents grids (writing only the cells that changed) and restores the
/// terminal however the program ends.
public final class NcursesTerminal: TerminalBackend {
    public let glyphs: GlyphSet
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let isUTF8: Bool
    /// The theme applied, or nil for no colour (NO_COLOR, --no-color, a terminal without it).
    private var theme: Theme?
    private var presented: Grid?
    private var restored = false
    /// Times the terminal was readable but gave no key.
    private var earlyErrors = 0
    private let inputFD: Int32
    private let outputFD: Int32
    /// Where and when (ms, monotonic) the left button was last pressed.
    private var lastPress: (x: Int, y: Int, at: Int)?

    /// Key codes of our own for the bracketed-paste markers (`ESC [ 200 ~`, `ESC [ 201 ~`).
    private static let pasteStart = KEY_MAX + 1
    private static let pasteEnd = KEY_MAX + 2
    /// Terminals that know it mark pasted text; the others ignore a private mode they lack.
    private static let bracketedPasteOn = "\u{1B}[?2004h"
    private static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Opens the terminal on `input` and `output` (standard input and output unless a test
    /// passes a pseudo-terminal). Throws when there is none, or when it cannot address the cursor.
    public init(asciiOnly: Bool, theme wanted: Theme?, mouse: Bool = true, input inputFD: Int32 = STDIN_FILENO,
                output outputFD: Int32 = STDOUT_FILENO) throws {
        guard isatty(inputFD) == 1, isatty(outputFD) == 1 else { throw TerminalError.notATerminal }
        self.inputFD = inputFD
        self.outputFD = outputFD
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw TerminalError.noTerminalType
        }
        isUTF8 = TerminalLocale.setUp()
        SignalFlag.install()
        guard let output = fdopen(outputFD, "w"), let input = fdopen(inputFD, "r"),
              let screen = newterm(nil, output, input) else {
            throw TerminalError.unknownTerminalType(term)
        }
        self.screen = screen
        guard hetao_has_string_capability("cup") != 0, let window = stdscr_window() else {
            endwin()
            delscreen(screen)
            throw TerminalError.noCursorAddressing(term)
        }
        self.window = window
        glyphs = asciiOnly ? .ascii : isUTF8 ? .unicode : .lineDrawing
        cbreak()
        noecho()
        nonl()
        Self.disableFlowControl(inputFD)
        keypad(window, true)
        define_key("\u{1B}[200~", Self.pasteStart)
        define_key("\u{1B}[201~", Self.pasteEnd)
        Self.write(Self.bracketedPasteOn, to: outputFD)
        if mouse {
            // Each press reported as it comes; a double press is told apart here, not by ncurses'
            // click timer, which would hold every click back.
            mousemask(hetao_mouse_events(), nil)
            mouseinterval(0)
        }
        set_escdelay(25)
        curs_set(0)
        theme = wanted != nil && has_colors() && start_color() == OK ? wanted : nil
        if let theme { Self.definePairs(theme) }
        // Until the screen has been left once and come back to, ncurses writes out every cursor
        // move at once: a frame went out in a hundred small writes, seen as a screen drawn in
        // pieces over a slow link. Left and resumed before anything is drawn, each frame is one
        // write.
        endwin()
        doupdate()
    }

    deinit { restore() }

    /// Without this, `Ctrl-S` stops all output until `Ctrl-Q` and the dashboard seems frozen.
    /// Saved as ncurses' program mode; `endwin` puts back the shell's own settings.
    private static func disableFlowControl(_ fd: Int32) {
        var attributes = termios()
        guard tcgetattr(fd, &attributes) == 0 else { return }
        attributes.c_iflag &= ~tcflag_t(IXON | IXOFF)
        tcsetattr(fd, TCSANOW, &attributes)
        def_prog_mode()
    }

    /// Leaves curses mode; safe to call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        mousemask(0, nil)
        curs_set(1)
        endwin()
        delscreen(screen)
        Self.write(Self.bracketedPasteOff, to: outputFD)
    }

    private static func write(_ text: String, to fd: Int32) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
    }

    public func copy(_ text: String) {
        Self.write(Clipboard.sequence(for: text), to: outputFD)
    }

    /// Whether cells are coloured: not with NO_COLOR or `--no-color`, nor on a terminal without colour.
    public var showsColour: Bool { theme != nil }

    public func use(_ theme: Theme) {
        guard showsColour else { return }
        self.theme = theme
        Self.definePairs(theme)
        // A look's bold or dim is the cell's attribute: every cell is drawn again.
        presented = nil
    }

    public var size: Size {
        Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    // MARK: - Output

    public func present(_ grid: Grid) {
        let previous = presented?.size == grid.size ? presented : nil
        if previous == nil { werase(window) }
        for y in 0..<grid.size.height {
            for x in 0..<grid.size.width {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if let previous, previous[x, y] == cell,
                   x + 1 >= grid.size.width || previous[x + 1, y].isContinuation == grid[x + 1, y].isContinuation { continue }
                draw(cell, x: x, y: y)
            }
        }
        presented = grid
        wnoutrefresh(window)
        doupdate()
    }

    private func draw(_ cell: Cell, x: Int, y: Int) {
        let attributes = attributes(for: cell.style)
        let pair = theme != nil ? Int16(cell.style.role.rawValue + 1) : 0
        if !isUTF8 {
            if let acs = Self.alternateCharacter(cell.character) {
                mvwaddch(window, Int32(y), Int32(x), acs | chtype(attributes) | chtype(pair_attribute(pair)))
                return
            }
            let scalar = cell.character.unicodeScalars.first!
            let byte = scalar.isASCII ? chtype(scalar.value) : chtype(UInt8(ascii: "?"))
            mvwaddch(window, Int32(y), Int32(x), byte | chtype(attributes) | chtype(pair_attribute(pair)))
            return
        }
        var value = cchar_t()
        let scalars = cell.character.unicodeScalars
        if let only = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            // Nearly every cell is one scalar: no array made for it.
            var wide: (wchar_t, wchar_t) = (wchar_t(bitPattern: only.value), 0)
            withUnsafeMutablePointer(to: &wide) {
                $0.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = setcchar(&value, $0, attributes, pair, nil) }
            }
        } else {
            var wide = scalars.map { wchar_t(bitPattern: $0.value) } + [0]
            setcchar(&value, &wide, attributes, pair, nil)
        }
        mvwadd_wch(window, Int32(y), Int32(x), &value)
    }

    /// The cell's own attributes, and those its role's look adds.
    private func attributes(for style: Style) -> attr_t {
        let look = theme?.look(style.role) ?? RoleLook()
        var value: attr_t = 0
        if style.bold || look.bold { value |= hetao_a_bold() }
        if style.reverse { value |= hetao_a_reverse() }
        if style.dim || look.dim { value |= hetao_a_dim() }
        if style.underline || look.underline { value |= hetao_a_underline() }
        return value
    }

    private func pair_attribute(_ pair: Int16) -> attr_t { pair == 0 ? 0 : attr_t(COLOR_PAIR(Int32(pair))) }

    /// Box-drawing and block characters as the terminal's alternate character set, for locales
    /// that are not UTF-8.
    private static func alternateCharacter(_ character: Character) -> chtype? {
        switch character {
        case "─", "━": return hetao_acs_hline()
        case "│", "┃": return hetao_acs_vline()
        case "┌", "┏": return hetao_acs_ulcorner()
        case "┐", "┓": return hetao_acs_urcorner()
        case "└", "┗": return hetao_acs_llcorner()
        case "┘", "┛": return hetao_acs_lrcorner()
        default: return nil
        }
    }

    /// One colour pair per role (pair n + 1 for role n), as the theme says; colours the
    /// terminal lacks become the nearest it has, and "default" its own colours.
    private static func definePairs(_ theme: Theme) {
        use_default_colors()
        let available = Int(max(8, tigetnum("colors")))
        for role in ColorRole.allCases {
            let look = theme.look(role)
            init_pair(Int16(role.rawValue + 1), Int16(look.foreground.index(forTerminalWith: available) ?? -1),
                      Int16(look.background.index(forTerminalWith: available) ?? -1))
        }
    }

    // MARK: - Input

    public func nextEvent(timeoutMilliseconds: Int?, wakingOn descriptors: [Int32]) -> InputEvent {
        if let signal = SignalFlag.pending { return .terminated(Self.reason(signal)) }
        // What ncurses has already read (the rest of a paste, a resize) comes first.
        if let event = readKey(waitMilliseconds: 0) { return event }
        var watched = [pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)]
        watched += descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&watched, nfds_t(watched.count), Int32(timeoutMilliseconds ?? -1))
        if let signal = SignalFlag.pending { return .terminated(Self.reason(signal)) }
        // A signal (a resize among them) interrupts the wait; ncurses reports the resize next.
        if ready < 0 { return readKey(waitMilliseconds: 0) ?? .timeout }
        if ready == 0 { return .timeout }
        let input = watched[0].revents
        if input & Int16(POLLIN) != 0 {
            if let event = readKey(waitMilliseconds: 0) { return event }
            // Readable yet no key, again and again: an I/O error on the terminal.
            earlyErrors += 1
            return earlyErrors >= 5 ? .terminated(.inputClosed) : .timeout
        }
        if input & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .terminated(.inputClosed) }
        return watched.dropFirst().contains { $0.revents != 0 } ? .wake : .timeout
    }

    /// A key or resize ncurses can give within `waitMilliseconds`, or nil.
    private func readKey(waitMilliseconds: Int32) -> InputEvent? {
        wtimeout(window, waitMilliseconds)
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        earlyErrors = 0
        if result == KEY_CODE_YES {
            if Int32(character) == KEY_RESIZE { return .resize(size) }
            if Int32(character) == Self.pasteStart { return .paste(readPaste()) }
            if Int32(character) == KEY_MOUSE { return readMouse() }
            return Self.special(Int32(character)).map(InputEvent.key) ?? .timeout
        }
        if character == 27, skipUnknownSequence() { return .timeout }
        return Self.key(forCharacter: UInt32(character)).map(InputEvent.key) ?? .timeout
    }

    /// The press or wheel turn ncurses decoded; a second press on the same cell within 400 ms
    /// is a double one.
    private func readMouse() -> InputEvent {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return .timeout }
        let (x, y) = (Int(event.x), Int(event.y))
        switch hetao_mouse_button(event.bstate) {
        case 4: return .mouse(MouseEvent(.wheelUp, x: x, y: y))
        case 5: return .mouse(MouseEvent(.wheelDown, x: x, y: y))
        case 1:
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let milliseconds = Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
            if let last = lastPress, last.x == x, last.y == y, milliseconds - last.at <= 400 {
                lastPress = nil  // a third press starts again
                return .mouse(MouseEvent(.doublePress, x: x, y: y))
            }
            lastPress = (x, y, milliseconds)
            return .mouse(MouseEvent(.press, x: x, y: y))
        default:
            return .timeout
        }
    }

    /// The text up to the end-of-paste marker; line ends (CR, CRLF) as `\n`. A paste whose end
    /// never comes ends when the terminal falls quiet.
    private func readPaste() -> String {
        var text = String.UnicodeScalarView()
        var previous: UInt32 = 0
        while true {
            wtimeout(window, 200)
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == ERR || (result == KEY_CODE_YES && Int32(character) == Self.pasteEnd) { break }
            guard result != KEY_CODE_YES, let scalar = Unicode.Scalar(UInt32(character)) else { continue }
            defer { previous = scalar.value }
            if scalar.value == 10, previous == 13 { continue }
            text.append(scalar.value == 13 ? "\n" : scalar)
        }
        return String(text)
    }

    /// After an Escape, the rest of an escape sequence ncurses did not know (a key the terminal
    /// description lacks, as when `TERM` names another terminal): consumed and ignored, rather
    /// than read as Escape and then as keys. Returns whether there was one.
    private func skipUnknownSequence() -> Bool {
        wtimeout(window, 0)
        var next: wint_t = 0
        let result = wget_wch(window, &next)
        guard result != ERR else { return false }
        guard result == OK, next == 0x5B || next == 0x4F else {
            if result == KEY_CODE_YES { ungetch(Int32(next)) } else { unget_wch(wchar_t(bitPattern: UInt32(next))) }
            return false
        }
        // CSI: parameters and intermediates, then one final byte; SS3: one byte.
        while true {
            var byte: wint_t = 0
            guard wget_wch(window, &byte) == OK else { return true }
            if next == 0x4F || (0x40...0x7E).contains(byte) { return true }
        }
    }

    private static func reason(_ signal: Int32) -> TerminationReason {
        switch signal {
        case SIGINT: return .interrupt
        case SIGQUIT: return .quit
        case SIGTERM: return .terminate
        default: return .hangup
        }
    }

    private static func special(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    private static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }
}
