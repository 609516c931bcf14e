import TerminalKit

/// Plain text for a terminal or a pipe: each line stripped of control characters from data.
enum TextOutput {
    static func clean(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { TextSanitizer.clean(String($0)) }
            .joined(separator: "\n")
    }
}
