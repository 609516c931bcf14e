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

        /// Why `text`, given as `name`, is not an amount, in words: `hetao record` and `import`
        /// say the same of the same text.
        public func message(_ name: String, _ text: String) -> String {
            let shown = VisibleText.quoted(text)
            switch self {
            case .notAnAmount: return "\(name) \(shown) is not an amount (write 16950000000, 16,950m or 16.95bn)"
            case .notWholeDollars:
                return "\(name) \(shown) is not a whole number of dollars; amounts are kept in whole HK dollars, without rounding"
            case .tooLarge: return "\(name) \(shown) is too large"
            }
        }
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

    /// Exactly, as budget papers state it: `HK$18,135 million`, `HK$517.6 million`,
    /// `HK$16,950 million`, `HK$877,000`; a figure recorded to the dollar keeps every digit
    /// (`HK$12,900.000001 million`). What the detail, messages and reports show.
    public var formatted: String {
        let (sign, magnitude) = (dollars < 0 ? "-" : "", dollars.magnitude)
        if magnitude < 1_000_000 { return "\(sign)HK$\(Self.grouped(magnitude))" }
        return "\(sign)HK$\(Self.scaled(magnitude, power: 6, places: 6).text) million"
    }

    /// For a column too narrow for `formatted`: billions or millions with the digits the figure
    /// has (`HK$18.135 bn`, `HK$16.95 bn`, `HK$517.6 m`), three significant figures only when it
    /// has more (`HK$12.9 bn` for HK$12,900,000,001), so two figures side by side never round
    /// into each other's place. At most 12 characters below HK$1,000 bn.
    public var compact: String {
        let (sign, magnitude) = (dollars < 0 ? "-" : "", dollars.magnitude)
        for (power, unit, places) in [(9, "bn", 3), (6, "m", 1)] where magnitude >= Self.power(power) {
            let exact = Self.scaled(magnitude, power: power, places: places)
            if exact.isExact { return "\(sign)HK$\(exact.text) \(unit)" }
            let whole = magnitude / Self.power(power)
            let significant = whole >= 100 ? 0 : whole >= 10 ? 1 : 2
            return "\(sign)HK$\(Self.scaled(magnitude, power: power, places: significant).text) \(unit)"
        }
        return "\(sign)HK$\(Self.grouped(magnitude))"
    }

    /// A computed figure (earned value, a variance): to the nearest million, the precision of
    /// the published figures it comes from: `HK$15,857 million`.
    public var estimate: String {
        let (sign, magnitude) = (dollars < 0 ? "-" : "", dollars.magnitude)
        if magnitude < 1_000_000 { return "\(sign)HK$\(Self.grouped(magnitude))" }
        return "\(sign)HK$\(Self.scaled(magnitude, power: 6, places: 0).text) million"
    }

    /// `magnitude` in units of 10^`power`, grouped, with at most `places` decimals (rounded half
    /// up when it has more) and no trailing zeros; whether nothing was rounded away.
    public static func scaled(_ magnitude: UInt64, power: Int, places: Int) -> (text: String, isExact: Bool) {
        let kept = min(places, power)
        let step = Self.power(power - kept)
        let rounded = magnitude / step + (magnitude % step >= (step + 1) / 2 && step > 1 ? 1 : 0)
        let perUnit = Self.power(kept)
        var fraction = kept == 0 ? "" : String(rounded % perUnit)
        fraction = String(repeating: "0", count: max(0, kept - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (grouped(rounded / perUnit) + (fraction.isEmpty ? "" : "." + fraction), magnitude % step == 0)
    }

    static func power(_ exponent: Int) -> UInt64 { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    static func grouped(_ value: UInt64) -> String {
        var digits = String(value)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",")
    }
}
