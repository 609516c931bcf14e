import Foundation
import HetaoDomain
import Logging

/// The server's audit log: one line per event (connect, authentication with the key's
/// fingerprint, session start and end, each command, each record), appended to a file and never
/// shown on a session's screen. Lines are `TIME LEVEL message key=value …`: a backslash is
/// written `\\`, control characters as escapes (`\n`, `\e`, `\u{7}`), and a value with a space,
/// a quote or `=` in double quotes with `\"` inside, so every field parses back to exactly what
/// was received and a client can forge neither a line nor a field.
public final class AuditLogHandler: LogHandler, @unchecked Sendable {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let fd: Int32?
    private let lock = NSLock()
    /// Lines that could not be written (a full disk) since the last that could.
    private var lost = 0
    private let path: String

    /// Appends to `path` (created 0640); nil discards everything (no `--log`).
    public init(path: String?) throws {
        self.path = path ?? ""
        guard let path else {
            fd = nil
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path,
                                                                NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        self.fd = fd
    }

    deinit { if let fd { close(fd) } }

    /// How many lines were lost since the last one written; 0 when the log is whole.
    public var linesLost: Int { lock.withLock { lost } }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        guard let fd else { return }
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }
            .sorted { $0.key < $1.key }
            .map { "\($0.key)=\(Self.quoted($0.value.description))" }
        let line = ([LogClock.now(), event.level.rawValue, VisibleText.escaped(event.message.description)] + fields)
            .joined(separator: " ") + "\n"
        lock.lock()
        defer { lock.unlock() }
        // A log that cannot be written (a full disk) never stops the service: the loss is said
        // once on standard error (the journal, under systemd), counted, and written down as
        // soon as the log takes lines again.
        if lost > 0, Self.write("\(LogClock.now()) warning log lines lost count=\(lost)\n", to: fd) { lost = 0 }
        if !Self.write(line, to: fd) {
            if lost == 0 {
                let reason = String(cString: strerror(errno))
                FileHandle.standardError.write(Data("hetao serve: cannot write the audit log \(path): \(reason); counting lost lines\n".utf8))
            }
            lost += 1
        }
    }

    /// Writes `text` whole, or says it could not.
    private static func write(_ text: String, to fd: Int32) -> Bool {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    static func quoted(_ value: String) -> String {
        let escaped = VisibleText.escaped(value.replacingOccurrences(of: "\\", with: "\\\\"))
        let needsQuotes = escaped.isEmpty || escaped.contains { $0 == " " || $0 == "\"" || $0 == "=" }
        return needsQuotes ? "\"" + escaped.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : escaped
    }
}

/// The time in the log: UTC, to the millisecond, without ICU's date formatters.
enum LogClock {
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millis = spec.tv_nsec / 1_000_000
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(millis < 10 ? "00" : millis < 100 ? "0" : "")\(millis)Z"
    }
}
