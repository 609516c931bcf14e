import HetaoCommandLine
import ArgumentParser
import Glibc
import TerminalKit

/// Plain text for a terminal or a pipe, built from one-line pieces of data, each cleaned on
/// its own: a line break inside a note shows as a mark instead of starting a forged line.
enum TextOutput {
    static func line(_ text: String) -> String { TextSanitizer.clean(text) }

    /// The width text tables fit when none is asked for: the terminal's, when standard output
    /// is one; else `COLUMNS` where a shell exports it; else 100, for a file, a pipe or an email.
    static func width() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(40, Int(size.ws_col))
        }
        return getenv("COLUMNS").flatMap { Int(String(cString: $0)) }.map { max(40, $0) } ?? 100
    }
}

/// `--width N`: the columns text tables fit, for `report` and `brief` alike.
struct WidthOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Fit text tables in this many columns (default: the terminal's width, else 100 for a file or a pipe).",
        valueName: "columns"))
    var width: Int?

    func validate() throws {
        if let width, width < 40 { throw ValidationError("--width \(width) is too narrow: 40 columns at least") }
    }

    /// The width asked for, else the terminal's (`TextOutput.width()`).
    var columns: Int { width ?? TextOutput.width() }
}
