import HetaoDomain

/// What a session runs: `hetao` with these arguments, on the session's terminal or its pipes.
public struct SessionPlan: Hashable, Sendable {
    public var arguments: [String]
    /// True for the interactive dashboard (it needs the client's terminal).
    public var isDashboard: Bool

    public init(arguments: [String], isDashboard: Bool) {
        self.arguments = arguments
        self.isDashboard = isDashboard
    }
}

/// Decides what a session's command may run, by the user's role. No shell ever runs: the
/// command's words (`CommandWords`) become `hetao`'s arguments, and only the commands below are
/// allowed. Options that name files on the server (`--store`, `--dataset`) are the server's to
/// set, never the client's, and none writes one (`--output`); files are read from standard
/// input (`import -`, `validate -`) and written to standard output.
public enum SessionPolicy {
    /// Reading commands, for everyone.
    public static let viewerCommands = ["report", "brief", "history", "export", "validate"]
    /// Writing commands, for recorders.
    public static let recorderCommands = ["record", "import"]
    /// Managing who may connect, for administrators.
    public static let adminCommands = ["users"]
    /// Who this connection is: name, role, key fingerprint (answered by the server itself).
    public static let whoami = "whoami"
    /// Words that open the dashboard at a view: `building B8`, `pane budget`.
    public static let views = ["building", "pane"]
    static let serverOptions = ["--store", "--dataset", "--read-only", "--users", "--pid-file", "--reload"]
    /// Options that would write a file on the server, as the service's user (`export --output`
    /// could replace the store itself); over SSH the output comes back on standard output.
    static let writingOptions = ["--output"]

    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The plan for `words` (empty: the dashboard) from a user with `role`, or why not.
    public static func plan(_ words: [String], role: Role) -> Result<SessionPlan, Refusal> {
        guard let first = words.first else { return .success(SessionPlan(arguments: [], isDashboard: true)) }
        for word in words {
            if let option = serverOptions.first(where: { word == $0 || word.hasPrefix($0 + "=") }) {
                return .failure(Refusal(description: "\(option) is set by the server, not over SSH"))
            }
            if let option = writingOptions.first(where: { word == $0 || word.hasPrefix($0 + "=") }) {
                return .failure(Refusal(description: "\(option) would write a file on the server; over SSH, redirect "
                                        + "standard output instead (ssh HOST export > FILE)"))
            }
        }
        switch first {
        case "building", "pane":
            guard words.count == 2 else { return .failure(Refusal(description: "usage: \(first) \(first == "pane" ? "NAME" : "ID")")) }
            return .success(SessionPlan(arguments: ["--\(first)", words[1]], isDashboard: true))
        case _ where adminCommands.contains(first):
            guard role == .admin else {
                return .failure(Refusal(description: "\(first) is for administrators; this key's role is \(role.rawValue)"))
            }
            return .success(SessionPlan(arguments: words, isDashboard: false))
        case _ where viewerCommands.contains(first) || recorderCommands.contains(first):
            if recorderCommands.contains(first), !role.mayRecord {
                return .failure(Refusal(description: "\(first) is for recorders; this key's role is viewer"))
            }
            // The file a command reads is its first word that is not an option, or `-`.
            if ["import", "validate"].contains(first), words.dropFirst().first(where: { $0 == "-" || !$0.hasPrefix("-") }) != "-" {
                let what = first == "import" ? "CSV from standard input" : "standard input"
                return .failure(Refusal(description: "\(first) reads \(what) over SSH: \(first) -"))
            }
            return .success(SessionPlan(arguments: words, isDashboard: false))
        default:
            let allowed = viewerCommands + (role.mayRecord ? recorderCommands : []) + (role == .admin ? adminCommands : [])
                + views + [whoami]
            return .failure(Refusal(description: "'\(first)' is not available over SSH; try: \(allowed.joined(separator: ", "))"))
        }
    }
}
