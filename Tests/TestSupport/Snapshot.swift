import Foundation
import Testing
import TerminalKit

/// Text snapshots of rendered grids. A snapshot is the grid's lines in a file beside the test;
/// when they differ the test fails with a line diff. Set `HETAO_RECORD_SNAPSHOTS=1` to write the
/// current rendering as the new snapshot (the test then fails once, to say so). A snapshot of a
/// pane's layout leaves the status bar out (`statusBar: false`), so a hint's wording is
/// re-recorded only where the status bar is the point.
public enum Snapshot {
    public static func assert(_ grid: Grid, named name: String, in directory: String, statusBar: Bool = true,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let path = URL(fileURLWithPath: directory).appending(path: "\(name).txt")
        let actual = render(grid, statusBar: statusBar)
        let record = ProcessInfo.processInfo.environment["HETAO_RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOf: path, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: path, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name); check it and run again", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("snapshot \(name) differs:\n\(diff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
        }
    }

    /// The grid as text framed so trailing spaces and the size stay visible.
    public static func render(_ grid: Grid, statusBar: Bool = true) -> String {
        let lines = statusBar ? grid.lines : grid.lines.dropLast()
        return "size \(grid.size.width)x\(grid.size.height)\(statusBar ? "" : ", status bar left out")\n"
            + lines.map { $0 + "|" }.joined(separator: "\n") + "\n"
    }

    /// A line diff: `-` expected, `+` actual, with line numbers.
    public static func diff(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : nil
            let y = i < b.count ? String(b[i]) : nil
            if x != y {
                if let x { out.append(String(format: "%3d - %@", i + 1, x)) }
                if let y { out.append(String(format: "%3d + %@", i + 1, y)) }
            }
        }
        return out.joined(separator: "\n")
    }
}
