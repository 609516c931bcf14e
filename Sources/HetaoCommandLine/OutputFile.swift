import Foundation

/// A file written whole or not at all: the text goes to a hidden file beside it, which is
/// renamed over it only when complete, so a reader, a full disk or a Ctrl-C never leaves a
/// partial export where the real one was.
public enum OutputFile {
    public enum Failure: Error {
        case cannotWrite(String)
        case stopped
    }

    /// Writes `text` to `path`; `stop` is asked between chunks. `keepingOwnership` gives the new
    /// file the mode, owner and group of the one it replaces (as far as this user may). Not
    /// `synced`, the file is not forced to disk first: for what a crash may lose at no cost (a
    /// visit's stamp), where waiting for the disk would hold the user back.
    public static func write(_ text: String, to path: String, keepingOwnership: Bool = false, synced: Bool = true,
                             stop: () -> Bool) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appending(path: ".\(url.lastPathComponent).hetao-\(getpid())").path
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw .cannotWrite(String(cString: strerror(errno))) }
        var existing = stat()
        if keepingOwnership && stat(path, &existing) == 0 {
            _ = fchown(fd, existing.st_uid, existing.st_gid)
            _ = fchmod(fd, existing.st_mode & 0o7777)
        }
        var failure: Failure?
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count && failure == nil {
            if stop() { failure = .stopped; break }
            let count = bytes[offset...].prefix(1 << 20).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno != EINTR { failure = .cannotWrite(String(cString: strerror(errno))) }
            offset += max(0, count)
        }
        if failure == nil && synced && fsync(fd) != 0 { failure = .cannotWrite(String(cString: strerror(errno))) }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 { failure = .cannotWrite(String(cString: strerror(errno))) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }
}
