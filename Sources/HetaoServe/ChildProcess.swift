import CPosixSpawn
import Foundation
import Glibc

/// A `hetao` process for one session, on its own pseudo-terminal (the dashboard) or on pipes (a
/// command): one process per session, as sshd does, so a fault in one ends only that session.
/// A dashboard is a session leader with the pty as its controlling terminal, so closing the
/// pty's master when the connection drops hangs it up as a dropped SSH connection would.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    /// The pty's master (both directions), for a dashboard.
    let terminal: Int32?
    /// Standard input, output and error, for a command.
    let pipes: (input: Int32, output: Int32, error: Int32)?

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    private init(pid: pid_t, terminal: Int32?, pipes: (Int32, Int32, Int32)?) {
        self.pid = pid
        self.terminal = terminal
        self.pipes = pipes
    }

    /// Starts `executable` on a new pseudo-terminal of `columns`×`rows`.
    static func onTerminal(_ executable: String, _ arguments: [String], environment: [String: String],
                           columns: Int, rows: Int) throws(SpawnError) -> ChildProcess {
        var name = [CChar](repeating: 0, count: 128)
        let master = hetao_open_pty(&name, name.count)
        guard master >= 0 else { throw SpawnError(description: "no pseudo-terminal: \(String(cString: strerror(errno)))") }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        resize(master, columns: columns, rows: rows)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // A new session opening the terminal makes it its controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        do {
            let pid = try spawn(executable, arguments, environment, &actions, newSession: true)
            return ChildProcess(pid: pid, terminal: master, pipes: nil)
        } catch {
            close(master)
            throw error
        }
    }

    /// Starts `executable` with pipes for its standard input, output and error.
    static func withPipes(_ executable: String, _ arguments: [String],
                          environment: [String: String]) throws(SpawnError) -> ChildProcess {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0], error: [Int32] = [0, 0]
        guard hetao_pipe_cloexec(&input) == 0, hetao_pipe_cloexec(&output) == 0, hetao_pipe_cloexec(&error) == 0 else {
            throw SpawnError(description: "no pipes: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, error[1], 2)
        defer { for fd in [input[0], output[1], error[1]] { close(fd) } }
        do {
            let pid = try spawn(executable, arguments, environment, &actions, newSession: true)
            return ChildProcess(pid: pid, terminal: nil, pipes: (input[1], output[0], error[0]))
        } catch let failure {
            for fd in [input[1], output[0], error[0]] { close(fd) }
            throw failure
        }
    }

    private static func spawn(_ executable: String, _ arguments: [String], _ environment: [String: String],
                              _ actions: inout posix_spawn_file_actions_t, newSession: Bool) throws(SpawnError) -> pid_t {
        // Only standard input, output and error: not the server's listening socket, nor any
        // connection's, whatever NIO opened them with.
        _ = hetao_spawn_close_from(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Signals the server ignores or handles go back to their defaults in the child.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
                                 | (newSession ? hetao_spawn_setsid_flag() : 0))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(result)))") }
        return pid
    }

    static func resize(_ terminal: Int32, columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(clamping: rows), ws_col: UInt16(clamping: columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(terminal, UInt(TIOCSWINSZ), &size)
    }

    /// Sets the terminal's size; the kernel tells the dashboard (SIGWINCH).
    func resize(columns: Int, rows: Int) {
        if let terminal { Self.resize(terminal, columns: columns, rows: rows) }
    }

    func signal(_ signal: Int32) { kill(pid, signal) }

    /// Calls `handler` with the exit status (128 + signal when killed) once the process ends, from
    /// a thread of its own that waits for it.
    func whenExited(_ handler: @escaping @Sendable (Int32) -> Void) {
        let pid = self.pid
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let exited = status & 0x7F == 0
            handler(exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F))
        }
    }
}
