import Foundation
import YAMLDiagnostics
import HetaoDomain
import NIOSSH
import Yams

/// A change to the users file, made as a person would make it by hand: only the lines the
/// change is about are written, so comments, order and layout stay as they were. The file must
/// be valid before, and the result is checked whole (`UsersFile.parse`) before anyone keeps it.
public enum UsersFileEditor {
    public enum Change: Hashable, Sendable {
        case add(name: String, role: Role, keys: [String])
        case remove(name: String)
        case role(name: String, role: Role)
        case addKey(name: String, key: String)
        /// `key` is the public key's text, or its fingerprint (`SHA256:…`).
        case removeKey(name: String, key: String)
    }

    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `text` with `change` made, or why it cannot be. Line endings stay as they were (a file
    /// written on Windows keeps its CRLF).
    public static func apply(_ change: Change, to original: String, file: String) throws(Refusal) -> String {
        let crlf = original.contains("\r\n")
        let text = crlf ? original.replacingOccurrences(of: "\r\n", with: "\n") : original
        let before: UsersFile
        do { before = try UsersFile.parse(Data(text.utf8), file: file) } catch {
            throw Refusal(description: "\(file) has problems; fix them first:\n\(error.description)")
        }
        guard let root = try? Yams.compose(yaml: text, .basic), case .mapping(let top) = root,
              let list = top["users"], case .sequence(let entries) = list,
              let usersKey = top.first(where: { $0.key.string == "users" })?.key else {
            throw Refusal(description: "\(file) does not hold a users: list")
        }
        var lines = text.components(separatedBy: "\n")
        let layout = Layout(lines: lines, entries: Array(entries), list: list, usersKey: usersKey)
        // Line edits need one user a block, one key a line.
        if entries.contains(where: { layout.isFlow($0) || ($0.mapping?["keys"].map { layout.isFlow($0) && $0.sequence?.isEmpty == false } ?? false) })
            || (layout.isFlow(list) && !entries.isEmpty) {
            throw Refusal(description: "\(file): write users: as a list, one user a block and one key a line, to change it with hetao users")
        }

        switch change {
        case .add(let name, let role, let keys):
            try checkName(name)
            if before.users.contains(where: { $0.name == name }) { throw Refusal(description: "\(name) is already a user") }
            for key in keys { try checkKey(key, for: name, in: before) }
            let indent = layout.itemIndent
            var block = ["\(indent)- name: \(scalar(name))", "\(indent)  role: \(role.rawValue)"]
            block += keys.isEmpty ? ["\(indent)  keys: []"] : ["\(indent)  keys:"] + keys.map { "\(indent)    - \(scalar($0))" }
            if entries.isEmpty {
                // `users: []` (or nothing) becomes a list.
                let line = usersKey.mark!.line - 1
                lines[line] = layout.replacingValue(ofKeyOn: line, with: "", keyColumn: usersKey.mark!.column)
                lines.insert(contentsOf: block, at: line + 1)
            } else {
                lines.insert(contentsOf: block, at: layout.lastLine(of: entries.endIndex - 1) + 1)
            }

        case .remove(let name):
            let index = try layout.index(of: name, in: before)
            let first = layout.firstLine(of: index), last = layout.lastLine(of: index)
            lines.removeSubrange(first...last)
            if entries.count == 1 {
                let line = usersKey.mark!.line - 1
                lines[line] = layout.replacingValue(ofKeyOn: line, with: " []", keyColumn: usersKey.mark!.column)
            }

        case .role(let name, let role):
            let index = try layout.index(of: name, in: before)
            guard case .mapping(let fields) = entries[index], let node = fields["role"], let mark = node.mark else {
                throw Refusal(description: "\(name) has no role line to change")
            }
            lines[mark.line - 1] = Layout.replacingScalar(in: lines[mark.line - 1], at: mark.column, with: role.rawValue)

        case .addKey(let name, let key):
            try addKey(key, to: name, in: &lines, entries: Array(entries), layout: layout, before: before)
        case .removeKey(let name, let key):
            try removeKey(key, from: name, in: &lines, entries: Array(entries), layout: layout, before: before)
        }

        let result = lines.joined(separator: "\n")
        do { _ = try UsersFile.parse(Data(result.utf8), file: file) } catch {
            throw Refusal(description: "the change would leave \(file) invalid, so it was not made:\n\(error.description)")
        }
        return crlf ? result.replacingOccurrences(of: "\n", with: "\r\n") : result
    }

    /// After the user's last key (and the lines it is folded onto); `keys: []` becomes a list.
    private static func addKey(_ key: String, to name: String, in lines: inout [String], entries: [Node], layout: Layout,
                               before: UsersFile) throws(Refusal) {
        let index = try layout.index(of: name, in: before)
        try checkKey(key, for: name, in: before)
        guard case .mapping(let fields) = entries[index] else { throw Refusal(description: "\(name) is not a mapping") }
        let keysPair = fields.first { $0.key.string == "keys" }
        if case .sequence(let items)? = keysPair?.value, let last = items.last, let mark = last.mark {
            let prefix = String(lines[mark.line - 1].prefix(mark.column - 1))
            // After the last key, and the lines it is folded onto.
            var after = mark.line
            while after < lines.count, case let next = lines[after], !next.trimmingCharacters(in: .whitespaces).isEmpty,
                  next.prefix { $0 == " " }.count >= mark.column - 1 {
                after += 1
            }
            lines.insert(prefix + scalar(key), at: after)
        } else if let keysKey = keysPair?.key, let mark = keysKey.mark {
            // `keys: []` or an empty `keys:` becomes a list of one.
            let line = mark.line - 1
            lines[line] = layout.replacingValue(ofKeyOn: line, with: "", keyColumn: mark.column)
            lines.insert(String(repeating: " ", count: mark.column - 1) + "  - " + scalar(key), at: line + 1)
        } else {
            let column = entries[index].mark!.column
            let indent = String(repeating: " ", count: column - 1)
            lines.insert(contentsOf: [indent + "keys:", indent + "  - " + scalar(key)], at: layout.lastLine(of: index) + 1)
        }
    }

    /// The key's line, found by the key or its fingerprint; the last key leaves `keys: []`.
    private static func removeKey(_ key: String, from name: String, in lines: inout [String], entries: [Node], layout: Layout,
                                  before: UsersFile) throws(Refusal) {
        let index = try layout.index(of: name, in: before)
        guard case .mapping(let fields) = entries[index], case .sequence(let items)? = fields["keys"] else {
            throw Refusal(description: "\(name) has no keys")
        }
        let wanted = key.trimmingCharacters(in: .whitespaces)
        let parsed = try? NIOSSHPublicKey(openSSHPublicKey: wanted)
        guard let item = items.first(where: { node in
            guard let found = try? NIOSSHPublicKey(openSSHPublicKey: (node.string ?? "").trimmingCharacters(in: .whitespaces))
            else { return false }
            return found == parsed || HostKey.fingerprint(of: found) == wanted
        }), let mark = item.mark else {
            throw Refusal(description: "\(name) has no key \(VisibleText.escaped(wanted)); hetao users list shows each key's fingerprint")
        }
        if items.count == 1 {
            // The last key goes: the user stays, with no access.
            let keysKey = fields.first { $0.key.string == "keys" }!.key.mark!
            lines.remove(at: mark.line - 1)
            lines[keysKey.line - 1] = layout.replacingValue(ofKeyOn: keysKey.line - 1, with: " []", keyColumn: keysKey.column)
        } else {
            lines.remove(at: mark.line - 1)
        }
    }

    static func checkName(_ name: String) throws(Refusal) {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }) else {
            throw Refusal(description: "the name '\(VisibleText.escaped(name))' may hold letters, digits and . _ - @ only")
        }
    }

    static func checkKey(_ text: String, for name: String, in users: UsersFile) throws(Refusal) {
        let type = text.split(separator: " ").first.map(String.init) ?? ""
        guard let key = try? NIOSSHPublicKey(openSSHPublicKey: text.trimmingCharacters(in: .whitespaces)) else {
            throw Refusal(description: type == "ssh-rsa" || type == "ssh-dss"
                          ? "\(type) keys are not supported; use an ed25519 or ECDSA key (ssh-keygen -t ed25519)"
                          : "'\(VisibleText.escaped(String(text.prefix(40))))' is not an OpenSSH public key "
                            + "(expected: ssh-ed25519 AAAA… comment, the line of the .pub file)")
        }
        if let owner = users.user(for: key) {
            throw Refusal(description: owner.name == name ? "\(name) already has this key" : "this key is already \(owner.name)'s")
        }
    }

    /// A name or key line as YAML: plain where it reads back the same, quoted where it holds
    /// `: ` or a `#` after a space or tab (which would start a mapping or a comment), a tab, or
    /// begins with a character YAML reserves.
    static func scalar(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains(": ") || trimmed.contains(" #") || trimmed.contains("\t") || trimmed.hasSuffix(":")
                || trimmed.contains("\"") || trimmed.contains("\\")
                || trimmed.first.map({ "!&*{}[]|>'%@`,?-#".contains($0) }) == true else { return trimmed }
        return "\"" + trimmed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Where each user's lines are in the file.
private struct Layout {
    let lines: [String]
    let entries: [Node]
    let list: Node
    let usersKey: Node

    /// Whether `node` is written in flow style (`{…}`, `[…]`): Yams does not keep the style, the
    /// text does.
    func isFlow(_ node: Node) -> Bool {
        guard let mark = node.mark, mark.line - 1 < lines.count else { return false }
        let line = lines[mark.line - 1]
        guard mark.column - 1 < line.count else { return false }
        return "{[".contains(line[line.index(line.startIndex, offsetBy: mark.column - 1)])
    }

    /// The indentation and dash of a list item, as the file already writes them.
    var itemIndent: String {
        guard let mark = entries.first?.mark else { return "  " }
        let line = lines[mark.line - 1]
        let dash = line.prefix(mark.column - 1).lastIndex(of: "-").map { line.distance(from: line.startIndex, to: $0) } ?? 2
        return String(repeating: " ", count: dash)
    }

    func index(of name: String, in users: UsersFile) throws(UsersFileEditor.Refusal) -> Int {
        if let index = entries.firstIndex(where: { $0.mapping?["name"]?.string == name }) { return index }
        let hint = Suggestion.closest(to: name, in: users.users.map(\.name)).map { "; did you mean \($0)?" } ?? ""
        throw UsersFileEditor.Refusal(description: "no user named '\(VisibleText.escaped(name))'\(hint)")
    }

    /// The entry's first line (0-based), with the comment lines just above it, at its dash's
    /// indentation, that speak of it (a comment indented further belongs to the user above).
    func firstLine(of index: Int) -> Int {
        var first = entries[index].mark!.line - 1
        let dash = itemIndent.count
        while first > 0 {
            let above = lines[first - 1]
            let trimmed = above.drop { $0 == " " }
            guard trimmed.hasPrefix("#"), above.count - trimmed.count == dash, first - 1 > usersKey.mark!.line - 1 else { break }
            first -= 1
        }
        return first
    }

    /// The entry's last line (0-based): the last line any of its values starts on, and the lines
    /// after it indented as far as its fields (a key folded onto a second line, a comment of its own).
    func lastLine(of index: Int) -> Int {
        var last = deepestLine(of: index)
        let fields = entries[index].mark!.column - 1
        while last + 1 < lines.count {
            let next = lines[last + 1]
            let trimmed = next.drop { $0 == " " }
            guard !trimmed.isEmpty, next.count - trimmed.count >= fields else { break }
            last += 1
        }
        return last
    }

    private func deepestLine(of index: Int) -> Int {
        func deepest(_ node: Node) -> Int {
            var line = node.mark?.line ?? 0
            switch node {
            case .mapping(let pairs): for pair in pairs { line = max(line, deepest(pair.key), deepest(pair.value)) }
            case .sequence(let items): for item in items { line = max(line, deepest(item)) }
            default: break
            }
            return line
        }
        return deepest(entries[index]) - 1
    }

    /// The line of a `key:` with its value replaced by `value` (a trailing comment kept).
    func replacingValue(ofKeyOn line: Int, with value: String, keyColumn: Int) -> String {
        let text = lines[line]
        let start = text.index(text.startIndex, offsetBy: keyColumn - 1)
        guard let colon = text[start...].firstIndex(of: ":") else { return text }
        let rest = text[text.index(after: colon)...]
        // The comment keeps the spaces before it, so comments stay aligned.
        let comment = rest.range(of: " #").map { found in
            String(rest[(rest[..<found.lowerBound].lastIndex { $0 != " " }.map(rest.index(after:)) ?? rest.startIndex)...])
        } ?? ""
        return String(text[...colon]) + value + comment
    }

    /// `line` with the scalar at `column` (plain or quoted) replaced by `value`.
    static func replacingScalar(in line: String, at column: Int, with value: String) -> String {
        let start = line.index(line.startIndex, offsetBy: column - 1)
        var end = line.endIndex
        if let quote = line[start...].first, quote == "\"" || quote == "'" {
            end = line[line.index(after: start)...].firstIndex(of: quote).map { line.index(after: $0) } ?? line.endIndex
        } else if let stop = line[start...].firstIndex(of: " ") {
            end = stop
        }
        return String(line[..<start]) + value + String(line[end...])
    }
}
