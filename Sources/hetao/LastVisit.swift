import Foundation
import HetaoStore

/// When this user last closed the dashboard, kept in `$XDG_STATE_HOME/hetao/last-visit-USER`
/// (else `~/.local/state/hetao/`): the user is the OS user, or the SSH user `hetao serve` names,
/// so each person's "changed since your last visit" is their own. A file that cannot be kept
/// (a read-only home) only means every visit is a first one.
struct LastVisit {
    let path: String

    init(user: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        let safe = String(user.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) ? $0 : "_" })
        path = base + "/hetao/last-visit-" + safe
    }

    /// The stamp of the last visit, if it is one `hetao` wrote.
    func read() -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              text.count == 24, text.hasSuffix("Z") else { return nil }
        return text
    }

    func write(_ stamp: String = StatusStore.timestamp()) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? Data((stamp + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
