import CPosixSpawn
import Foundation

/// A process `hetao serve` (`hetao-serve`) started for a session lives no longer than its
/// server: it is sent SIGTERM when the server dies (a `kill -9` included), and long work asks `serverGone` before
/// it commits, so an import whose client's end of file never came through a live server stores
/// nothing.
public enum ServeSession {
    /// The server that started this process, when one did.
    /// Read once, at start: the check reads `/proc`, and a dead server changes the parent.
    public static let server: pid_t? = getenv("HETAO_ROLE") != nil && startedByServe ? getppid() : nil

    /// Ties this process's life to its server's; a server already gone ends it at once.
    public static func bind() {
        guard server != nil else { return }
        _ = hetao_die_with_parent(SIGTERM)
        if serverGone {
            FileHandle.standardError.write(Data("hetao: the server that started this session is gone\n".utf8))
            exit(75)
        }
    }

    /// True when the server that started this process has died since.
    public static var serverGone: Bool { server.map { getppid() != $0 } ?? false }

    /// True in a session of a `hetao serve` that still runs: what `HETAO_RECORDED_BY` is believed in.
    public static var isLive: Bool { server != nil && !serverGone }

    /// Whether the parent process runs the `hetao-serve` installed beside this program: the same
    /// file, by device and inode (an upgrade restarts the service, whose sessions then match
    /// again). Another user's `/proc` entry cannot be read, so the parent runs as this user.
    private static var startedByServe: Bool {
        let parent = getppid()
        var server = stat(), theirs = stat()
        return stat(ServerProgram.path, &server) == 0 && stat("/proc/\(parent)/exe", &theirs) == 0
            && server.st_dev == theirs.st_dev && server.st_ino == theirs.st_ino
    }
}
