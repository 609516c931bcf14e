/// Why the dashboard cannot draw on this terminal; the executable prints the text report instead.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case noTerminalType
    case unknownTerminalType(String)
    case noCursorAddressing(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input or output is not a terminal"
        case .noTerminalType:
            return "TERM is not set, so the terminal's capabilities are unknown"
        case .unknownTerminalType(let term):
            return "the terminal type TERM=\(term) is not known to this system's terminfo database"
        case .noCursorAddressing(let term):
            return "the terminal type TERM=\(term) cannot move the cursor, so a dashboard cannot be drawn on it"
        }
    }
}
