import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit

/// A setting's value and where it came from: `default`, the config file's `FILE:LINE`, a flag,
/// or the environment.
public struct Setting<Value: Sendable>: Sendable {
    public var value: Value
    public var origin: String

    public init(_ value: Value, _ origin: String) {
        self.value = value
        self.origin = origin
    }
}

/// What the command line says, before the config file and the defaults fill in the rest.
public struct SettingFlags: Sendable {
    public var theme: String?
    public var noColor = false
    public var language: Language?
    public var staleDays: Int?
    public var pane: Pane?
    public var ascii = false
    public var noMouse = false

    public init(theme: String? = nil, noColor: Bool = false, language: Language? = nil, staleDays: Int? = nil,
                pane: Pane? = nil, ascii: Bool = false, noMouse: Bool = false) {
        self.theme = theme
        self.noColor = noColor
        self.language = language
        self.staleDays = staleDays
        self.pane = pane
        self.ascii = ascii
        self.noMouse = noMouse
    }
}

/// A flag that names what does not exist (`--theme sepia` with no such theme).
public struct SettingError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The dashboard's effective settings: flags override the config file, which overrides the
/// defaults; `NO_COLOR` and `--no-color` win over any theme.
public struct Settings: Sendable {
    /// Nil: no colour.
    public var theme: Setting<Theme?>
    /// Every theme there is to choose from, by name: the config file's, or the built-in ones.
    public var themes: [String: Theme]
    public var language: Setting<Language>
    public var staleDays: Setting<Int>
    public var pane: Setting<Pane>
    public var ascii: Setting<Bool>
    public var clipboard: Setting<Bool>
    /// Whether the dashboard asks the terminal for mouse reports (`--no-mouse`, `mouse:`).
    public var mouse: Setting<Bool>
    /// Where SPI and CPI turn to a warning and to bad.
    public var thresholds: Setting<Thresholds>
    /// Where a building's lag behind its plan turns to a warning and to bad.
    public var behindPlan: Setting<Thresholds>

    public init(flags: SettingFlags, file: ConfigFile?, environment: [String: String]) throws(SettingError) {
        func fromFile<T>(_ located: Located<T>?) -> Setting<T>? {
            guard let located, let file else { return nil }
            return Setting(located.value, "\(file.path):\(located.line)")
        }
        themes = file?.themes ?? Theme.builtInByName
        if flags.noColor {
            theme = Setting(nil, "--no-color")
        } else if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            theme = Setting(nil, "NO_COLOR")
        } else if let name = flags.theme {
            guard let chosen = themes[name] else {
                let names = themes.keys.sorted()
                let hint = Suggestion.closest(to: name, in: names).map { "; did you mean '\($0)'?" } ?? ""
                throw SettingError(description: "--theme '\(name)' is not a theme\(hint) (themes: \(names.joined(separator: ", ")))")
            }
            theme = Setting(chosen, "--theme")
        } else if let named = fromFile(file?.theme) {
            theme = Setting(themes[named.value], named.origin)
        } else {
            theme = Setting(Theme.dark, "default")
        }
        if let chosen = flags.language {
            language = Setting(chosen, "--lang")
        } else if let configured = fromFile(file?.language) {
            language = configured
        } else {
            let variable = ["LC_ALL", "LC_MESSAGES", "LANG"].first { !(environment[$0] ?? "").isEmpty }
            language = Setting(Language.preferred(by: environment),
                               variable.map { "locale: \($0)=\(environment[$0] ?? "")" } ?? "default")
        }
        staleDays = flags.staleDays.map { Setting($0, "--stale-days") } ?? fromFile(file?.staleDays)
            ?? Setting(Reckoning.defaultStaleAfterDays, "default")
        pane = flags.pane.map { Setting($0, "--pane") } ?? fromFile(file?.pane) ?? Setting(.overview, "default")
        ascii = flags.ascii ? Setting(true, "--ascii") : fromFile(file?.ascii) ?? Setting(false, "default")
        clipboard = fromFile(file?.clipboard) ?? Setting(true, "default")
        mouse = flags.noMouse ? Setting(false, "--no-mouse") : fromFile(file?.mouse) ?? Setting(true, "default")
        /// The defaults with what the config file sets, from where it sets it.
        func located(_ defaults: Thresholds, _ warning: Setting<Double>?, _ bad: Setting<Double>?) -> Setting<Thresholds> {
            let origins = [warning?.origin, bad?.origin].compactMap { $0 }
            var value = defaults
            value.warning = warning?.value ?? defaults.warning
            value.bad = bad?.value ?? defaults.bad
            return Setting(value, origins.isEmpty ? "default" : origins.joined(separator: ", "))
        }
        thresholds = located(.earnedValue, fromFile(file?.evmWarning), fromFile(file?.evmBad))
        behindPlan = located(.behindPlan, fromFile(file?.behindPlanWarning), fromFile(file?.behindPlanBad))
    }
}
