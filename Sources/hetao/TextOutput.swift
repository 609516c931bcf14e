import TerminalKit

/// Plain text for a terminal or a pipe, built from one-line pieces of data, each cleaned on
/// its own: a line break inside a note shows as a mark instead of starting a forged line.
enum TextOutput {
    static func line(_ text: String) -> String { TextSanitizer.clean(text) }
}
