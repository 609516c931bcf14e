import Foundation
import YAMLDiagnostics
import HetaoDomain
import TerminalKit
import Yams

/// Reading the config file's nodes: typed values, and messages that quote what was written
/// (escaped) and suggest the closest valid word.
enum ConfigReader {
    struct Entry {
        var key: String
        var mark: Yams.Mark?
        var value: Node
    }

    static func mapping(_ node: Node, what: String, _ d: Diagnostics) -> [Entry]? {
        guard case .mapping(let mapping) = node else {
            d.report(at: node.mark, "\(what) must be a mapping of names to values")
            return nil
        }
        return mapping.map { Entry(key: $0.key.string ?? "", mark: $0.key.mark, value: $0.value) }
    }

    static func text(_ node: Node, _ key: String, _ d: Diagnostics) -> String? {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            d.report(at: node.mark, "'\(key)' must be a single value")
            return nil
        }
        return scalar.string
    }

    static func flag(_ node: Node, _ key: String, _ d: Diagnostics) -> Bool? {
        guard let text = text(node, key, d) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            d.report(at: node.mark, "'\(key)' is '\(VisibleText.escaped(text))'; write true or false")
            return nil
        }
    }

    static func unknown(_ what: String, _ word: String, _ valid: [String]) -> String {
        let hint = Suggestion.closest(to: word, in: valid).map { "; did you mean '\($0)'?" }
            ?? "; expected one of: " + valid.joined(separator: ", ")
        return "unknown \(what) '\(VisibleText.escaped(word))'\(hint)"
    }

    /// `{fg: COLOUR, bg: COLOUR, bold: BOOL, dim: BOOL, underline: BOOL}`, or just `COLOUR`.
    static func look(_ node: Node, role: String, _ d: Diagnostics) -> RoleLook? {
        func colour(_ node: Node, _ key: String) -> ThemeColor? {
            guard let text = text(node, key, d) else { return nil }
            if let colour = ThemeColor(name: text) { return colour }
            d.report(at: node.mark, "'\(VisibleText.escaped(text))' is not a colour: write default, a name ("
                     + ThemeColor.names.joined(separator: ", ") + ", or bright-NAME) or a number 0-255"
                     + (Suggestion.closest(to: text, in: ThemeColor.names).map { "; did you mean '\($0)'?" } ?? ""))
            return nil
        }
        if case .scalar = node { return colour(node, role).map { RoleLook($0) } }
        guard let entries = mapping(node, what: "role '\(role)'", d) else { return nil }
        var look = RoleLook()
        let keys = ["fg", "bg", "bold", "dim", "underline"]
        for entry in entries {
            switch entry.key {
            case "fg": look.foreground = colour(entry.value, "fg") ?? look.foreground
            case "bg": look.background = colour(entry.value, "bg") ?? look.background
            case "bold": look.bold = flag(entry.value, "bold", d) ?? look.bold
            case "dim": look.dim = flag(entry.value, "dim", d) ?? look.dim
            case "underline": look.underline = flag(entry.value, "underline", d) ?? look.underline
            default: d.report(at: entry.mark, unknown("attribute of role '\(role)'", entry.key, keys))
            }
        }
        return look
    }

    static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = ProcessEnvironment.variables["HOME"] else { return path }
        return home + path.dropFirst()
    }
}
