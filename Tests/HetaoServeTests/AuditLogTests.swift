import Foundation
import HetaoAudit
import HetaoDomain
import HetaoServe
import Logging
import Testing

/// The audit log tells the truth: every field of a line parses back to exactly what was received.
@Suite struct AuditLogTests {
    /// The fields of a line as a strict reader takes them: the words `key=value` or
    /// `key="value"` (the time, level and message before them have no `=`), with `\\`, `\"`,
    /// `\n`, `\r`, `\t`, `\e` and `\u{…}` read back.
    static func fields(_ line: String) -> [String: String] {
        let chars = Array(line)
        var out: [String: String] = [:]
        var i = 0
        while i < chars.count {
            var word = "", key: String?
            var quoted = false
            while i < chars.count, quoted || chars[i] != " " {
                let c = chars[i]
                if c == "\\", i + 1 < chars.count {
                    i += 1
                    switch chars[i] {
                    case "n": word.append("\n")
                    case "r": word.append("\r")
                    case "t": word.append("\t")
                    case "e": word.append("\u{1B}")
                    case "u":
                        let close = chars[i...].firstIndex(of: "}")!
                        word.unicodeScalars.append(Unicode.Scalar(UInt32(String(chars[(i + 2)..<close]), radix: 16)!)!)
                        i = close
                    default: word.append(chars[i])
                    }
                } else if c == "\"" {
                    quoted.toggle()
                } else if c == "=", key == nil, !quoted {
                    key = word
                    word = ""
                } else {
                    word.append(c)
                }
                i += 1
            }
            if let key { out[key] = word }
            i += 1
        }
        return out
    }

    @Test func aForgedFieldAndALineFeedParseBackToWhatWasReceived() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "hetao-audit-\(UUID().uuidString).log").path
        defer { unlink(path) }
        let handler = try AuditLogHandler(path: path)
        let log = Logger(label: "test") { _ in handler }
        let forged = #"x" role=recorder user=alice reason=\"#
        let received: [String: String] = ["login": forged, "newline": "a\nb", "written": #"a\nb"#, "plain": "bob",
                                          "hostile": "\u{1B}]0;pwned\u{7}", "empty": ""]
        log.notice("authentication refused", metadata: received.mapValues { .string($0) })
        let line = try String(contentsOfFile: path, encoding: .utf8)
        #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { $0 != "\n" && $0 != "\u{1B}" })
        #expect(Self.fields(String(line.dropLast())) == received)
        #expect(Self.fields(line)["role"] == nil && Self.fields(line)["user"] == nil)
    }

    /// A full disk never stops the service: what cannot be written is counted.
    @Test func aLogThatCannotBeWrittenIsCountedNotFatal() throws {
        let handler = try AuditLogHandler(path: "/dev/full")
        let log = Logger(label: "test") { _ in handler }
        log.notice("connect", metadata: ["remote": "192.0.2.1:5"])
        log.notice("connect", metadata: ["remote": "192.0.2.1:6"])
        #expect(handler.linesLost == 2)
    }
}
