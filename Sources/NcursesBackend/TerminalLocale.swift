import CNcursesw
import Glibc

/// The program's locale, from the environment as the C library reads it. Over SSH the client
/// often sends a `LANG` such as `zh_HK.UTF-8` that the server has not installed; then the
/// character set the client asked for is still UTF-8, so `C.UTF-8` is used rather than falling
/// back to ASCII.
public enum TerminalLocale {
    /// Sets the locale; returns whether its character set is UTF-8.
    @discardableResult
    public static func setUp() -> Bool {
        if setlocale(LC_ALL, "") == nil {
            let variables: [String] = ["LC_ALL", "LC_CTYPE", "LANG"]
            let name = variables.lazy.compactMap { getenv($0).map { String(cString: $0) } }.first { !$0.isEmpty } ?? ""
            let lower = name.lowercased()
            if lower.hasSuffix(".utf-8") || lower.hasSuffix(".utf8") { setlocale(LC_ALL, "C.UTF-8") }
        }
        return hetao_locale_is_utf8() != 0
    }
}
