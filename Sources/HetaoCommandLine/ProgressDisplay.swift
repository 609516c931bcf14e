import Foundation
import HetaoDomain
import HetaoReport
import NcursesBackend
import TerminalKit

/// Long work's progress on standard error, when that is a terminal and `--quiet` was not given:
/// one line redrawn at most ten times a second, shown only once the work has taken a quarter of
/// a second, and cleared when it ends. While the work runs, Ctrl-C (or SIGTERM, SIGHUP) asks it
/// to stop; it then changes nothing.
public final class ProgressDisplay: @unchecked Sendable {
    private let task: String
    private let shown: Bool
    private let glyphs: GlyphSet
    private let started = Date()
    /// The stage shown and when it began: its rate and time left are its own.
    private var stage: (WorkProgress.Stage, Date)?
    private var lastDrawn = -1.0
    private var drawn = false

    /// `task` names the work: `importing`, `exporting`, `seeding the store`.
    public init(task: String, quiet: Bool) {
        self.task = task
        shown = !quiet && isatty(STDERR_FILENO) == 1
        glyphs = shown && TerminalLocale.setUp() ? .unicode : .ascii
        SignalFlag.install()
    }

    /// What the work reports to and asks whether to stop.
    public var progress: WorkProgress {
        WorkProgress(tell: { [self] stage, done, total in draw(stage, done, total) }, stop: { SignalFlag.pending != nil || ServeSession.serverGone })
    }

    private func draw(_ current: WorkProgress.Stage, _ done: Int, _ total: Int) {
        let now = Date()
        if stage?.0 != current { stage = (current, now) }
        let seconds = now.timeIntervalSince(started)
        guard shown, seconds >= 0.25, seconds - lastDrawn >= 0.1 || done == total else { return }
        lastDrawn = seconds
        drawn = true
        var size = winsize()
        let width = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        let unit = task == "importing" && current != .writing ? "rows" : "records"
        let line = ProgressLine.render(task: task, stage: current.rawValue, done: done, total: total, unit: unit,
                                       seconds: now.timeIntervalSince(stage?.1 ?? started), width: width, glyphs: glyphs)
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    }

    /// Clears the line and gives Ctrl-C back its usual meaning.
    public func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        SignalFlag.uninstall()
    }
}
