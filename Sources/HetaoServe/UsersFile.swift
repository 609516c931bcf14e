import Foundation
import YAMLDiagnostics
import HetaoDomain
import NIOSSH
import Yams

/// Someone allowed in: a name (what their records are `recorded_by`), a role and their keys.
public struct ServeUser: Hashable, Sendable {
    public var name: String
    public var role: Role
    public var keys: [NIOSSHPublicKey]
    /// Each key's comment (`alice@laptop`), in the order of `keys`.
    public var comments: [String] = []
}

/// The users file: who may connect, with which keys, in which role. Every problem is reported
/// at once as `FILE:LINE:COLUMN: message`, as for the dataset and the config file.
///
/// ```yaml
/// users:
///   - name: alice
///     role: recorder        # viewer | recorder | admin
///     keys:
///       - ssh-ed25519 AAAAC3Nza... alice@laptop
/// ```
public struct UsersFile: Sendable {
    public let path: String
    public let users: [ServeUser]
    private let byKey: [NIOSSHPublicKey: ServeUser]

    public struct Invalid: Error, CustomStringConvertible {
        public var problems: [FileProblem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    public init(path: String, users: [ServeUser]) {
        self.path = path
        self.users = users
        var byKey: [NIOSSHPublicKey: ServeUser] = [:]
        for user in users { for key in user.keys { byKey[key] = user } }
        self.byKey = byKey
    }

    /// The user a key belongs to, if any.
    public func user(for key: NIOSSHPublicKey) -> ServeUser? { byKey[key] }

    /// What changed since `earlier`, one line each (user added or removed, role changed, key
    /// added or removed), for the audit log: whoever edited the file, by command or by hand.
    public func changes(since earlier: UsersFile) -> [(event: String, user: String, detail: String)] {
        var found: [(String, String, String)] = []
        let before = Dictionary(earlier.users.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let now = Set(users.map(\.name))
        for user in earlier.users where !now.contains(user.name) { found.append(("user removed", user.name, user.role.rawValue)) }
        for user in users {
            guard let old = before[user.name] else {
                found.append(("user added", user.name, "\(user.role.rawValue), \(user.keys.count) key\(user.keys.count == 1 ? "" : "s")"))
                continue
            }
            if old.role != user.role { found.append(("role changed", user.name, "\(old.role.rawValue) to \(user.role.rawValue)")) }
            for key in user.keys where !old.keys.contains(key) { found.append(("key added", user.name, HostKey.fingerprint(of: key))) }
            for key in old.keys where !user.keys.contains(key) { found.append(("key removed", user.name, HostKey.fingerprint(of: key))) }
        }
        return found
    }

    public static func load(path: String) throws(Invalid) -> UsersFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(problems: [FileProblem(file: path, line: 1, column: 1, message: "cannot read the users file "
                                                 + "(no such file, or no permission)")])
        }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws(Invalid) -> UsersFile {
        let d = Diagnostics(file: file)
        var users: [ServeUser] = []
        if let root = YAMLText.compose(data, diagnostics: d) { users = read(root, d) } else if d.problems.isEmpty {
            d.report(line: 1, column: 1, "the file is empty; expected users: with a name, role and keys for each")
        }
        guard d.problems.isEmpty else { throw Invalid(problems: d.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }) }
        return UsersFile(path: file, users: users)
    }

    private static func read(_ root: Node, _ d: Diagnostics) -> [ServeUser] {
        guard case .mapping(let top) = root else {
            d.report(at: root.mark, "expected a mapping with users:")
            return []
        }
        for (key, _) in top where key.string != "users" {
            d.report(at: key.mark, "unknown field '\(VisibleText.escaped(key.string ?? ""))'; the file holds users:")
        }
        guard let list = top["users"] else {
            d.report(at: root.mark, "missing users:")
            return []
        }
        guard case .sequence(let entries) = list else {
            d.report(at: list.mark, "users: must be a list of users (- name: …)")
            return []
        }
        var users: [ServeUser] = []
        var owners: [NIOSSHPublicKey: String] = [:]
        for entry in entries {
            guard case .mapping(let fields) = entry else {
                d.report(at: entry.mark, "a user must be a mapping with name, role and keys")
                continue
            }
            for (key, _) in fields where !["name", "role", "keys"].contains(key.string ?? "") {
                let word = key.string ?? ""
                let hint = Suggestion.closest(to: word, in: ["name", "role", "keys"]).map { "; did you mean '\($0)'?" } ?? ""
                d.report(at: key.mark, "unknown field '\(VisibleText.escaped(word))' of a user\(hint)")
            }
            guard let nameNode = fields["name"], let name = nameNode.string, !name.isEmpty else {
                d.report(at: entry.mark, "a user needs a name")
                continue
            }
            if !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }) {
                d.report(at: nameNode.mark, "the name '\(VisibleText.escaped(name))' may hold letters, digits and . _ - @ only")
            }
            if users.contains(where: { $0.name == name }) { d.report(at: nameNode.mark, "user '\(name)' is listed twice") }
            let role = Self.role(fields["role"], of: name, at: entry, d)
            var keys: [NIOSSHPublicKey] = []
            var comments: [String] = []
            // A user without keys is a user without access: removing a key line is an edit that
            // takes effect, never an invalid file that leaves the old key working.
            if case .sequence(let keyNodes)? = fields["keys"] {
                for keyNode in keyNodes {
                    let text = keyNode.string ?? ""
                    let type = text.split(separator: " ").first.map(String.init) ?? ""
                    if type.hasSuffix("-cert-v01@openssh.com") {
                        d.report(at: keyNode.mark, "\(VisibleText.escaped(type)) is a certificate, which cannot log in here; "
                                 + "list the user's public key instead (the .pub file without -cert)")
                        continue
                    }
                    do {
                        let key = try NIOSSHPublicKey(openSSHPublicKey: text.trimmingCharacters(in: .whitespaces))
                        if let owner = owners[key], owner != name {
                            d.report(at: keyNode.mark, "this key is already \(owner)'s; a key belongs to one user")
                        }
                        owners[key] = name
                        keys.append(key)
                        comments.append(text.split(separator: " ", maxSplits: 2).dropFirst(2).first.map(String.init) ?? "")
                    } catch {
                        d.report(at: keyNode.mark, type == "ssh-rsa" || type == "ssh-dss"
                                 ? "\(type) keys are not supported; use an ed25519 or ECDSA key (ssh-keygen -t ed25519)"
                                 : "not an OpenSSH public key (expected: ssh-ed25519 AAAA… comment)")
                    }
                }
            } else if let keysNode = fields["keys"], keysNode.string?.isEmpty != true {
                d.report(at: keysNode.mark, "keys: of user '\(name)' must be a list of public keys (- ssh-ed25519 AAAA…)")
            }
            users.append(ServeUser(name: name, role: role, keys: keys, comments: comments))
        }
        return users
    }

    /// The user's role; a missing or unknown one is reported (and the user kept as a viewer,
    /// so the file is refused as a whole, not read with a guess).
    private static func role(_ node: Node?, of name: String, at entry: Node, _ d: Diagnostics) -> Role {
        guard let roleNode = node else {
            d.report(at: entry.mark, "user '\(name)' needs a role: viewer, recorder or admin")
            return .viewer
        }
        let word = roleNode.string ?? ""
        if let value = Role(rawValue: word) { return value }
        let hint = Suggestion.closest(to: word, in: Role.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" }
            ?? "; expected viewer, recorder or admin"
        d.report(at: roleNode.mark, "unknown role '\(VisibleText.escaped(word))'\(hint)")
        return .viewer
    }
}
