import Foundation
import YAMLDiagnostics
import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit
import Yams

/// The settings a config file may hold, by their key in the file.
public enum ConfigKey: String, CaseIterable, Sendable {
    case theme, language, staleDays = "stale_days", store, pane, ascii, clipboard, mouse, themes, serve
    case evmWarning = "evm_warning", evmBad = "evm_bad"
    case behindPlanWarning = "behind_plan_warning", behindPlanBad = "behind_plan_bad"
}

/// The `serve:` section: how `hetao serve` runs, each a default its flags override.
public struct ServeConfig: Sendable {
    public enum Key: String, CaseIterable, Sendable {
        case listen, users, hostKey = "host_key", log, maxSessions = "max_sessions"
        case maxSessionsPerUser = "max_sessions_per_user", idleTimeout = "idle_timeout"
        case connectionIdleTimeout = "connection_idle_timeout", maxConnectionsPerUser = "max_connections_per_user"
        case maxUnauthenticated = "max_unauthenticated", pidFile = "pid_file"
    }

    public var listen: Located<String>?
    public var users: Located<String>?
    public var hostKey: Located<String>?
    public var log: Located<String>?
    public var maxSessions: Located<Int>?
    public var maxSessionsPerUser: Located<Int>?
    /// Seconds without input before a session is closed.
    public var idleTimeout: Located<Int>?
    /// Seconds a connection may stay open with no session.
    public var connectionIdleTimeout: Located<Int>?
    public var maxConnectionsPerUser: Located<Int>?
    /// Connections still authenticating at once (OpenSSH's `MaxStartups`).
    public var maxUnauthenticated: Located<Int>?
    /// Where the server writes its process id, for `hetao users --reload`.
    public var pidFile: Located<String>?

    public init() {}
}

/// A value from the config file and the line it is on, so `hetao config` can say where each
/// setting came from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var line: Int
}

/// `config.yaml`: the user's standing choices (theme, language, store, starting pane, …) and
/// their own themes. Every problem is reported at once, each as `FILE:LINE:COLUMN: message`
/// with the closest valid key or value suggested.
public struct ConfigFile: Sendable {
    public let path: String
    public var theme: Located<String>?
    public var language: Located<Language>?
    public var staleDays: Located<Int>?
    public var store: Located<String>?
    public var pane: Located<Pane>?
    public var ascii: Located<Bool>?
    /// Whether `y` may put an id on the terminal's clipboard (OSC 52); off for a terminal that
    /// mishandles it.
    public var clipboard: Located<Bool>?
    /// Whether the dashboard takes the mouse (clicks, the wheel).
    public var mouse: Located<Bool>?
    public var serve = ServeConfig()
    /// Where SPI and CPI turn to a warning, and to bad.
    public var evmWarning: Located<Double>?
    public var evmBad: Located<Double>?
    /// Where a building's lag behind its plan, in percentage points, turns to a warning, and to bad.
    public var behindPlanWarning: Located<Double>?
    public var behindPlanBad: Located<Double>?
    /// The built-in themes and the file's own, by name.
    public var themes: [String: Theme]

    /// Larger files are refused before parsing: a config file is a few lines.
    public static let maximumBytes = 1 << 20

    /// Where the config file is: `$XDG_CONFIG_HOME/hetao/config.yaml`, else
    /// `~/.config/hetao/config.yaml`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") { return base + "/hetao/config.yaml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/hetao/config.yaml"
    }

    /// The file at `path`, or nil when there is none (a missing file is no error: every setting
    /// has a default), or when a folder on the way cannot be searched by this user (another
    /// user's home, as `HOME` stays under `sudo -u`). A file that is there but unreadable is an
    /// error.
    public static func load(path: String) throws(ConfigError) -> ConfigFile? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR || errno == EACCES { return nil }
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .unreadable(file: path, reason: "it is not a regular file") }
        guard Int(status.st_size) <= maximumBytes else {
            throw .invalid([FileProblem(file: path, line: 1, column: 1, message: "the file is \(status.st_size) bytes; "
                                        + "a config file may be at most \(maximumBytes / 1024) KiB")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "permission denied")
        }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws(ConfigError) -> ConfigFile {
        let diagnostics = Diagnostics(file: file)
        var config = ConfigFile(path: file, themes: Theme.builtInByName)
        let root = YAMLText.compose(data, diagnostics: diagnostics)
        if let root { config.read(root, diagnostics) }
        guard diagnostics.problems.isEmpty else {
            throw .invalid(diagnostics.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return config
    }

    private init(path: String, themes: [String: Theme]) {
        self.path = path
        self.themes = themes
    }

    private mutating func read(_ root: Node, _ d: Diagnostics) {
        guard let entries = ConfigReader.mapping(root, what: "the config file", d) else { return }
        // Themes first: `theme:` may name one defined further down.
        if let themes = entries.first(where: { $0.key == ConfigKey.themes.rawValue }) { readThemes(themes.value, d) }
        for (key, keyMark, node) in entries.map({ ($0.key, $0.mark, $0.value) }) {
            guard let setting = ConfigKey(rawValue: key) else {
                d.report(at: keyMark, ConfigReader.unknown("setting", key, ConfigKey.allCases.map(\.rawValue)))
                continue
            }
            let line = node.mark?.line ?? 1
            switch setting {
            case .themes: break
            case .theme:
                guard let name = ConfigReader.text(node, key, d) else { break }
                if themes[name] == nil {
                    d.report(at: node.mark, ConfigReader.unknown("theme", name, themes.keys.sorted()))
                } else { theme = Located(value: name, line: line) }
            case .language:
                guard let text = ConfigReader.text(node, key, d) else { break }
                if let value = Language(rawValue: text) { language = Located(value: value, line: line) } else {
                    d.report(at: node.mark, ConfigReader.unknown("language", text, Language.allCases.map(\.rawValue)))
                }
            case .staleDays:
                guard let text = ConfigReader.text(node, key, d) else { break }
                if let days = Int(text), days >= 0 { staleDays = Located(value: days, line: line) } else {
                    d.report(at: node.mark, "stale_days '\(VisibleText.escaped(text))' is not a number of days (0 or more)")
                }
            case .store:
                guard let text = ConfigReader.text(node, key, d) else { break }
                store = Located(value: ConfigReader.expandingHome(text), line: line)
            case .pane:
                guard let text = ConfigReader.text(node, key, d) else { break }
                let names = Pane.allCases.map(\.name)
                if let value = Pane(named: text) {
                    pane = Located(value: value, line: line)
                } else {
                    d.report(at: node.mark, ConfigReader.unknown("pane", text, names))
                }
            case .ascii:
                if let value = ConfigReader.flag(node, key, d) { ascii = Located(value: value, line: line) }
            case .clipboard:
                if let value = ConfigReader.flag(node, key, d) { clipboard = Located(value: value, line: line) }
            case .mouse:
                if let value = ConfigReader.flag(node, key, d) { mouse = Located(value: value, line: line) }
            case .serve:
                readServe(node, d)
            case .evmWarning, .evmBad:
                guard let text = ConfigReader.text(node, key, d) else { break }
                guard let value = DecimalText.number(text), value > 0, value <= 2 else {
                    d.report(at: node.mark, "\(key) '\(VisibleText.escaped(text))' is not an index between 0 and 2 (write 0.95)")
                    break
                }
                if setting == .evmWarning { evmWarning = Located(value: value, line: line) } else { evmBad = Located(value: value, line: line) }
            case .behindPlanWarning, .behindPlanBad:
                guard let text = ConfigReader.text(node, key, d) else { break }
                guard let value = DecimalText.number(text), value > 0, value <= 100 else {
                    d.report(at: node.mark, "\(key) '\(VisibleText.escaped(text))' is not a number of percentage points "
                             + "between 0 and 100 (write 10)")
                    break
                }
                let located = Located(value: value, line: line)
                if setting == .behindPlanWarning { behindPlanWarning = located } else { behindPlanBad = located }
            }
        }
    }

    private mutating func readServe(_ node: Node, _ d: Diagnostics) {
        guard let entries = ConfigReader.mapping(node, what: "serve", d) else { return }
        for entry in entries {
            guard let key = ServeConfig.Key(rawValue: entry.key) else {
                d.report(at: entry.mark, ConfigReader.unknown("serve setting", entry.key, ServeConfig.Key.allCases.map(\.rawValue)))
                continue
            }
            guard let text = ConfigReader.text(entry.value, entry.key, d) else { continue }
            let line = entry.value.mark?.line ?? 1
            func number(_ minimum: Int) -> Located<Int>? {
                guard let value = Int(text), value >= minimum else {
                    d.report(at: entry.value.mark, "\(entry.key) '\(VisibleText.escaped(text))' is not a whole number of \(minimum) or more")
                    return nil
                }
                return Located(value: value, line: line)
            }
            switch key {
            case .listen: serve.listen = Located(value: text, line: line)
            case .users: serve.users = Located(value: ConfigReader.expandingHome(text), line: line)
            case .hostKey: serve.hostKey = Located(value: ConfigReader.expandingHome(text), line: line)
            case .log: serve.log = Located(value: ConfigReader.expandingHome(text), line: line)
            case .maxSessions: serve.maxSessions = number(1)
            case .maxSessionsPerUser: serve.maxSessionsPerUser = number(1)
            case .idleTimeout: serve.idleTimeout = number(1)
            case .connectionIdleTimeout: serve.connectionIdleTimeout = number(1)
            case .maxConnectionsPerUser: serve.maxConnectionsPerUser = number(1)
            case .maxUnauthenticated: serve.maxUnauthenticated = number(1)
            case .pidFile: serve.pidFile = Located(value: ConfigReader.expandingHome(text), line: line)
            }
        }
    }

    /// `themes: {NAME: {base: dark|light|…, ROLE: {fg: …, bg: …, bold: …}, …}, …}`
    private mutating func readThemes(_ node: Node, _ d: Diagnostics) {
        guard let entries = ConfigReader.mapping(node, what: "themes", d) else { return }
        for entry in entries {
            guard let roles = ConfigReader.mapping(entry.value, what: "theme '\(entry.key)'", d) else { continue }
            var theme = Theme.dark
            if let base = roles.first(where: { $0.key == "base" }) {
                if let name = ConfigReader.text(base.value, "base", d) {
                    if let builtIn = Theme.builtIn.first(where: { $0.name == name }) { theme = builtIn } else {
                        d.report(at: base.value.mark, ConfigReader.unknown("base theme", name, Theme.builtIn.map(\.name)))
                    }
                }
            }
            theme.name = entry.key
            for roleEntry in roles where roleEntry.key != "base" {
                guard let role = ColorRole(name: roleEntry.key) else {
                    d.report(at: roleEntry.mark, ConfigReader.unknown("role", roleEntry.key,
                                                                       ["base"] + ColorRole.allCases.map(\.name)))
                    continue
                }
                if let look = ConfigReader.look(roleEntry.value, role: role.name, d) { theme.looks[role] = look }
            }
            themes[entry.key] = theme
        }
    }
}
