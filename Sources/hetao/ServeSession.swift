import CPosixSpawn
import Foundation

/// A process `hetao serve` started for a session lives no longer than its server: it is sent
/// SIGTERM when the server dies (a `kill -9` included), and long work asks `serverGone` before
/// it commits, so an import whose client's end of file never came through a live server stores
/// nothing.
enum ServeSession {
    /// The `hetao serve` that started this process, when one did.
    static let server: pid_t? = getenv("HETAO_ROLE") != nil && Recorder.startedByServe ? getppid() : nil

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
}
