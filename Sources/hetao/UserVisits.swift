import Foundation
import HetaoDomain
import HetaoCommandLine
import HetaoStore
import HetaoViewModels

/// What the dashboard keeps of a user between runs, in `$XDG_STATE_HOME/hetao/` (else
/// `~/.local/state/hetao/`): `last-visit-USER`, up to when they have seen what changed, and
/// `last-meeting-USER`, when they last marked a meeting, and `commands-USER`, their `:` commands. The user is the OS user, or the SSH
/// user `hetao serve` names, so each person's changes are their own. A file that cannot be kept
/// (a read-only home) only means every visit is a first one.
final class UserVisits: VisitMarks {
    let lastVisitPath: String
    let meetingPath: String
    let commandsPath: String

    init(user: String, environment: [String: String] = ProcessEnvironment.variables) {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        let safe = String(user.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) ? $0 : "_" })
        lastVisitPath = base + "/hetao/last-visit-" + safe
        meetingPath = base + "/hetao/last-meeting-" + safe
        commandsPath = base + "/hetao/commands-" + safe
    }

    /// Up to when the user has seen the changes, if `hetao` wrote it.
    var lastVisit: String? { Self.stamp(at: lastVisitPath) }
    /// When the user last marked a meeting.
    var meeting: String? { Self.stamp(at: meetingPath) }

    func sawChanges(until stamp: String?) { Self.write(stamp ?? StatusStore.timestamp(), to: lastVisitPath) }

    func markMeeting() -> String {
        let stamp = StatusStore.timestamp()
        Self.write(stamp, to: meetingPath)
        return stamp
    }

    /// The user's `:` commands, oldest first (the prompt cleans what it shows).
    var commandHistory: [String] {
        guard let data = FileManager.default.contents(atPath: commandsPath) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).suffix(CommandPrompt.historyKept)
    }

    func keepCommands(_ lines: [String]) { Self.write(lines.joined(separator: "\n"), to: commandsPath) }

    private static func stamp(at path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              text.count == 24, text.hasSuffix("Z") else { return nil }
        return text
    }

    /// Written whole or not at all, but not synced to disk, which would hold the first key
    /// back: a stamp lost in a crash only shows some changes again.
    private static func write(_ text: String, to path: String) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? OutputFile.write(text + "\n", to: path, synced: false, stop: { false })
    }
}
