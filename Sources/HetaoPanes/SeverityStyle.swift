import HetaoViewModels
import TerminalKit

/// The roles view-model severities and selections are drawn in; the theme colours the roles.
enum SeverityStyle {
    static func style(_ severity: Severity) -> Style {
        switch severity {
        case .normal: return .plain
        case .good: return Style(.good)
        case .warning: return Style(.warning, bold: true)
        case .bad: return Style(.bad, bold: true)
        case .muted: return .muted
        }
    }

    /// A value of an illustrative figure, unless its severity says more.
    static func style(_ severity: Severity, illustrative: Bool) -> Style {
        illustrative && severity == .normal ? Style(.illustrative) : style(severity)
    }

    /// A selected row is marked in its first column and reversed across its width, so selection
    /// shows without colour; the theme's selection role colours it. It keeps the weight of the
    /// value's own style, so a bold severity still stands out on the selected row.
    static func row(_ style: Style, selected: Bool) -> Style {
        selected ? Style(.selection, bold: style.bold, reverse: true) : style
    }
}
