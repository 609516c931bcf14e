import HetaoViewModels
import TerminalKit

/// How view-model severities look on the grid.
enum Theme {
    static func style(_ severity: Severity) -> Style {
        switch severity {
        case .normal: return .plain
        case .good: return Style(.good)
        case .warning: return Style(.warning, bold: true)
        case .bad: return Style(.bad, bold: true)
        case .muted: return .muted
        }
    }

    /// A selected row is marked in its first column and its name reversed, so selection shows
    /// without colour.
    static func row(_ style: Style, selected: Bool) -> Style { selected ? style.with(reverse: true) : style }
}
