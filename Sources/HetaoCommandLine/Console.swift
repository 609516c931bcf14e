import Foundation
import HetaoDomain

/// Writing to the standard streams without going through `print`'s buffering surprises.
public enum Console {
    /// Standard output, written whole; a full disk or a broken device ends the program with a
    /// message and EX_IOERR (74), a reader gone (a closed pipe) quietly with 141, as SIGPIPE
    /// would: never a crash.
    public static func out(_ text: String) {
        guard write(text, to: STDOUT_FILENO) else {
            if errno == EPIPE { Foundation.exit(141) }
            error("hetao: cannot write standard output: \(String(cString: strerror(errno)))")
            Foundation.exit(74)
        }
    }

    /// Whether all of `text` went to `fd`; `errno` says why not.
    private static func write(_ text: String, to fd: Int32) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }

    /// A message, each of its lines with control characters shown as escapes: messages quote
    /// input, which must never act on the terminal.
    public static func error(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { VisibleText.escaped(String($0)) }
        let shown = lines.joined(separator: "\n")
        _ = write(shown.hasSuffix("\n") ? shown : shown + "\n", to: STDERR_FILENO)
    }
}
