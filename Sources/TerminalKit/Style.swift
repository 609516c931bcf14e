/// What a piece of text means; a theme says how each role looks and the backend shows it, or no
/// colour at all. Meaning is never carried by colour alone: text and markers say it too.
public enum ColorRole: Int, CaseIterable, Sendable {
    case normal, accent, good, warning, bad, muted, focus, selection, illustrative

    /// The role's name in a theme.
    public var name: String {
        switch self {
        case .normal: return "text"
        case .accent: return "accent"
        case .good: return "good"
        case .warning: return "warning"
        case .bad: return "bad"
        case .muted: return "muted"
        case .focus: return "focus"
        case .selection: return "selection"
        case .illustrative: return "illustrative"
        }
    }

    public init?(name: String) {
        guard let role = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = role
    }
}

/// How one cell looks.
public struct Style: Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(_ role: ColorRole = .normal, bold: Bool = false, reverse: Bool = false, dim: Bool = false,
                underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    public static let plain = Style()
    public static let title = Style(.accent, bold: true)
    public static let selected = Style(.selection, reverse: true)
    public static let muted = Style(.muted, dim: true)

    public func with(reverse: Bool) -> Style {
        var copy = self
        copy.reverse = reverse
        return copy
    }

}
