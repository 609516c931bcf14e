import CPosixSpawn
import Foundation

/// A process `hetao serve` started for a session lives no longer than its server: it is sent
/// SIGTERM when the server dies (a `kill -9` included), and long work asks `serverGone` before
/// it commits, so an import whose client's end of file never came through a live server stores
/// nothing.
enum ServeSession {
    /// The `hetao serve` that started this process, when one did.
    /// Read once, at start: the check reads `/proc`, and a dead server changes the parent.
    static let server: pid_t? = getenv("HETAO_ROLE") != nil && startedByServe ? getppid() : nil

    /// Ties this process's life to its server's; a server already gone ends it at once.
    static func bind() {
        guard server != nil else { return }
        _ = hetao_die_with_parent(SIGTERM)
        if serverGone {
            FileHandle.standardError.write(Data("hetao: the server that started this session is gone\n".utf8))
            exit(75)
        }
    }

    /// True when the server that started this process has died since.
    static var serverGone: Bool { server.map { getppid() != $0 } ?? false }

    /// True in a session of a `hetao serve` that still runs: what `HETAO_RECORDED_BY` is believed in.
    static var isLive: Bool { server != nil && !serverGone }

    /// Whether the parent process is `hetao serve` of this same executable: the same file (by
    /// device and inode, so a binary replaced by an upgrade still matches the server that runs
    /// it). Another user's `/proc` entry cannot be read, so the parent runs as this user.
    private static var startedByServe: Bool {
        let parent = getppid()
        var own = stat(), theirs = stat()
        guard stat("/proc/self/exe", &own) == 0, stat("/proc/\(parent)/exe", &theirs) == 0,
              own.st_dev == theirs.st_dev, own.st_ino == theirs.st_ino,
              let command = FileManager.default.contents(atPath: "/proc/\(parent)/cmdline") else { return false }
        let words = command.split(separator: 0, omittingEmptySubsequences: false)
        return words.count > 1 && String(decoding: words[1], as: UTF8.self) == "serve"
    }
}
