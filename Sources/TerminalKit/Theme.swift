/// A colour as a theme names it: the terminal's own default, or a palette index (0–7 the basic
/// colours, 8–15 their bright forms, up to 255 on 256-colour terminals).
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case index(Int)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `default`, a colour name (`red`, `bright-blue`) or a number 0–255.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" { self = .terminalDefault; return }
        if let index = Self.names.firstIndex(of: lower) { self = .index(index); return }
        if lower.hasPrefix("bright-"), let index = Self.names.firstIndex(of: String(lower.dropFirst(7))) {
            self = .index(index + 8)
            return
        }
        guard let number = Int(lower), (0...255).contains(number) else { return nil }
        self = .index(number)
    }

    /// The index to use on a terminal with `available` colours: as given when it has it, else
    /// the nearest basic colour (by xterm's palette), so a 256-colour theme still reads on an
    /// 8-colour console. Nil is the terminal's default.
    public func index(forTerminalWith available: Int) -> Int? {
        guard case .index(let i) = self else { return nil }
        if i < available { return i }
        if i < 16 { return i - 8 }
        let target = Self.rgb(i)
        return (0..<min(8, available)).min { Self.distance(Self.rgb($0), target) < Self.distance(Self.rgb($1), target) }
    }

    private static func rgb(_ i: Int) -> (Int, Int, Int) {
        let basic = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)]
        if i < 8 { return basic[i] }
        if i < 16 { return (min(255, basic[i - 8].0 + 50), min(255, basic[i - 8].1 + 50), min(255, basic[i - 8].2 + 50)) }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let steps = [0, 95, 135, 175, 215, 255]
        let n = i - 16
        return (steps[n / 36], steps[n / 6 % 6], steps[n % 6])
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)
    }
}

/// How one role looks: colours and attributes, added to what the cell's own style asks for.
public struct RoleLook: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool

    public init(_ foreground: ThemeColor = .terminalDefault, on background: ThemeColor = .terminalDefault, bold: Bool = false,
                dim: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
    }
}

/// A named set of looks, one per role: data, not code, so users add their own in the config
/// file. The backend only applies it.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var looks: [ColorRole: RoleLook]

    public init(name: String, looks: [ColorRole: RoleLook]) {
        self.name = name
        self.looks = looks
    }

    public func look(_ role: ColorRole) -> RoleLook { looks[role] ?? RoleLook() }

    /// For dark backgrounds (the default): the basic colours, whose escape sequences are the
    /// shortest, which matters on a slow link.
    public static let dark = Theme(name: "dark", looks: [
        .accent: RoleLook(.index(6)), .good: RoleLook(.index(2)), .warning: RoleLook(.index(3)), .bad: RoleLook(.index(1)),
        .focus: RoleLook(.index(6)), .selection: RoleLook(), .illustrative: RoleLook(.index(5)),
    ])

    /// For white backgrounds: yellow and cyan fade on white, so warnings are dark orange and
    /// accents dark blue (with the nearest basic colours on 8-colour terminals).
    public static let light = Theme(name: "light", looks: [
        .accent: RoleLook(.index(25)), .good: RoleLook(.index(28)), .warning: RoleLook(.index(130), bold: true),
        .bad: RoleLook(.index(160)), .focus: RoleLook(.index(25)), .selection: RoleLook(),
        .illustrative: RoleLook(.index(90)), .muted: RoleLook(.index(242)),
    ])

    public static let builtIn = [dark, light]
    public static let builtInByName = Dictionary(uniqueKeysWithValues: builtIn.map { ($0.name, $0) })
}
