import HetaoDomain
import TerminalKit

/// One line saying how far long work has got, for standard error while it runs:
/// `importing: checking ███████▌····  61,440/100,000 rows  48,210 rows/s  1 s left`.
/// The time left is the rest at the rate so far, and shown once there is a rate to go by.
public enum ProgressLine {
    public static func render(task: String, stage: String, done: Int, total: Int, unit: String, seconds: Double,
                              width: Int, glyphs: GlyphSet) -> String {
        let counts = "\(Format.grouped(Double(done)))/\(Format.grouped(Double(total))) \(unit)"
        var tail = ""
        if seconds >= 0.2, done > 0 {
            let rate = Double(done) / seconds
            tail = "  \(Format.grouped(rate.rounded())) \(unit)/s"
            if done < total { tail += "  \(duration(Double(total - done) / rate)) left" }
        }
        let head = "\(task): \(stage) "
        let barWidth = min(30, width - TextWidth.of(head) - TextWidth.of(counts) - TextWidth.of(tail) - 3)
        let ratio = total > 0 ? Double(done) / Double(total) : 1
        let bar = barWidth >= 5 ? glyphs.bar(ratio, width: barWidth) + "  " : ""
        return TextWidth.truncate(head + bar + counts + tail, to: max(0, width - 1), ellipsis: glyphs.ellipsis)
    }

    /// `12 s`, `3 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(Format.zeroPadded(whole % 60, width: 2)) s" }
        return "\(whole / 3600) h \(Format.zeroPadded((whole % 3600) / 60, width: 2)) min"
    }
}
