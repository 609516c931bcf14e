/// Numbers as people type them in a record: plain decimals only. Swift's `Double(String)` also
/// takes `0x32` (50), `1e2`, `inf` and `nan`, none of which anyone means as a percentage.
public enum DecimalText {
    /// `50`, `62.5`, `-3` (range checks are the caller's, so that a negative value is named as
    /// out of range rather than as not a number); nil for anything else.
    public static func number(_ text: String) -> Double? {
        let negative = text.hasPrefix("-")
        guard let parts = parts(negative ? String(text.dropFirst()) : text, grouped: false),
              let value = Double(parts.whole + (parts.fraction.isEmpty ? "" : "." + parts.fraction)) else { return nil }
        return negative ? -value : value
    }

    /// The digits before and after the point: digits, optionally a point and more digits. With
    /// `grouped`, the whole part may be grouped with commas (`12,400`).
    static func parts(_ text: String, grouped: Bool) -> (whole: String, fraction: String)? {
        let pieces = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = grouped ? pieces[0].filter { $0 != "," } : String(pieces[0])
        let fraction = pieces.count > 1 ? String(pieces[1]) : ""
        func digits(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy { (48...57).contains($0) } }
        guard digits(whole), pieces.count == 1 || digits(fraction) else { return nil }
        return (whole, fraction)
    }
}
