/// What a piece of text means; the backend turns roles into colours the terminal can show, or
/// none at all. Meaning is never carried by colour alone: text and markers say it too.
public enum ColorRole: Int, CaseIterable, Sendable {
    case normal, accent, good, warning, bad, muted, focus
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
    public static let selected = Style(.normal, reverse: true)
    public static let muted = Style(.muted, dim: true)

    public func with(reverse: Bool) -> Style {
        var copy = self
        copy.reverse = reverse
        return copy
    }

}
