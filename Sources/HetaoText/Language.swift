/// The languages the dashboard and the reports speak: English, and Traditional Chinese as
/// written in Hong Kong.
public enum Language: String, CaseIterable, Sendable {
    case english = "en"
    case traditionalChinese = "zh-Hant"

    /// The language a locale asks for: `LC_ALL`, else `LC_MESSAGES`, else `LANG`, the way the C
    /// library reads them. Hong Kong, Taiwan and Macao Chinese, and any `zh_Hant` locale, pick
    /// Traditional Chinese; everything else English.
    public static func preferred(by environment: [String: String]) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let name = locale.split(separator: ".").first.map(String.init)?.replacingOccurrences(of: "-", with: "_") ?? ""
        let lower = name.lowercased()
        if ["zh_hk", "zh_tw", "zh_mo"].contains(where: lower.hasPrefix) || lower.hasPrefix("zh_hant") { return .traditionalChinese }
        return .english
    }

    /// Whether drawing this language needs a terminal that shows CJK characters (UTF-8).
    public var needsUnicode: Bool { self == .traditionalChinese }

    /// The other language, for the switch key.
    public var other: Language { self == .english ? .traditionalChinese : .english }
}
