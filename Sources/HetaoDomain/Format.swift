/// How figures are written for people, shared by the dashboard and the reports so that both
/// say the same thing the same way.
public enum Format {
    /// The marker every output puts after an illustrative value.
    public static let illustrativeMark = "*"

    /// The marker when `illustrative`, else nothing.
    public static func mark(_ illustrative: Bool) -> String { illustrative ? illustrativeMark : "" }

    /// `62.7%`, `100%`: one decimal, dropped when it is zero.
    public static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(abs(tenths % 10))%"
    }

    /// A ratio 0–1 as a percentage.
    public static func percent(ratio: Double) -> String { percent(ratio * 100) }

    /// `1000000` → `1,000,000`; `3.89` stays `3.89` (two decimals at most, trailing zeros dropped).
    public static func grouped(_ value: Double) -> String {
        let whole = Int64(value.rounded(.towardZero))
        var digits = String(whole.magnitude)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        let hundredths = Int((abs(value - Double(whole)) * 100).rounded())
        var tail = hundredths == 0 ? "" : "." + (hundredths < 10 ? "0" : "") + String(hundredths)
        while tail.hasSuffix("0") { tail.removeLast() }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",") + tail
    }

    /// `7` → `07` at width 2: the fixed-width fields of dates and times.
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// `0.8` → `0.80` at two places: an index, always with its decimals.
    public static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let unit = Int64(scale)
        let whole = scaled / unit, fraction = scaled % unit
        return (value < 0 && scaled != 0 ? "-" : "") + "\(whole)" + (places > 0 ? "." + zeroPadded(Int(fraction), width: places) : "")
    }

    /// A number as scripts read it: no grouping, no trailing `.0`.
    public static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
