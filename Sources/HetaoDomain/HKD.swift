import Foundation

/// An amount of Hong Kong dollars, held exactly in whole dollars so that roll-ups never drift.
public struct HKD: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic {
    public var dollars: Int64

    public init(dollars: Int64) { self.dollars = dollars }

    /// HK$ in millions, as budget papers state them (`517.6` → HK$517,600,000).
    public init(millions: Double) { dollars = Int64((millions * 1_000_000).rounded()) }

    public static let zero = HKD(dollars: 0)
    public static func + (a: HKD, b: HKD) -> HKD { HKD(dollars: a.dollars + b.dollars) }
    public static func - (a: HKD, b: HKD) -> HKD { HKD(dollars: a.dollars - b.dollars) }
    public static func < (a: HKD, b: HKD) -> Bool { a.dollars < b.dollars }

    public init(from decoder: any Decoder) throws {
        dollars = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dollars)
    }

    /// Why text is not an amount of money.
    public enum ParseError: Error, Hashable, Sendable {
        /// Not digits with an optional point and `bn`/`m` suffix (hex, exponents and words are not).
        case notAnAmount
        /// Names a fraction of a dollar: the store keeps whole dollars and does not round.
        case notWholeDollars
        /// Beyond what the store can hold.
        case tooLarge
    }

    /// Parses an amount as people write it: `12400000000`, `12,400 m`, `12.4bn`, `HK$877m`,
    /// exactly (no floating point): `12.4567891234bn` is not whole dollars and is refused.
    public static func parse(_ text: String) throws(ParseError) -> HKD {
        var t = text.lowercased().filter { $0 != " " }
        let negative = t.hasPrefix("-")
        if negative { t.removeFirst() }
        if t.hasPrefix("hk$") { t.removeFirst(3) }
        var exponent = 0
        for (suffix, power) in [("bn", 9), ("b", 9), ("m", 6)] where t.hasSuffix(suffix) {
            t.removeLast(suffix.count)
            exponent = power
            break
        }
        guard let parts = DecimalText.parts(t, grouped: true) else { throw .notAnAmount }
        var fraction = parts.fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        guard fraction.count <= exponent else { throw .notWholeDollars }
        let digits = parts.whole + fraction + String(repeating: "0", count: exponent - fraction.count)
        guard let dollars = Int64(digits) else { throw .tooLarge }
        return HKD(dollars: negative ? -dollars : dollars)
    }

    /// The way people read money in Hong Kong papers: `HK$6.0 bn`, `HK$2.84 bn`, `HK$877 m`,
    /// `HK$517.6 m`. Billions keep two decimals below HK$10 bn only when the second one is not
    /// zero; millions keep one decimal only when it is not zero; below HK$0.1 m, whole dollars.
    public var formatted: String {
        let sign = dollars < 0 ? "-" : ""
        let magnitude = dollars.magnitude
        if magnitude >= 1_000_000_000 {
            let hundredths = (magnitude + 5_000_000) / 10_000_000  // billions × 100, rounded
            let whole = hundredths / 100
            let fraction = hundredths % 100
            if whole < 10 && fraction % 10 != 0 {
                return "\(sign)HK$\(whole).\(fraction < 10 ? "0" : "")\(fraction) bn"
            }
            let tenths = (magnitude + 50_000_000) / 100_000_000
            return "\(sign)HK$\(tenths / 10).\(tenths % 10) bn"
        }
        if magnitude < 100_000 { return "\(sign)HK$\(magnitude)" }
        let tenths = (magnitude + 50_000) / 100_000  // millions × 10, rounded
        if tenths % 10 == 0 { return "\(sign)HK$\(tenths / 10) m" }
        return "\(sign)HK$\(tenths / 10).\(tenths % 10) m"
    }
}
